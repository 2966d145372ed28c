using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Drivers;
using Evse.Hardware.Linux.Gpio;
using Evse.Hardware.Tests.Linux.Fakes;
using Evse.Testing;

namespace Evse.Hardware.Tests.Linux.Drivers;

public class GpioDriverTests
{
    [Fact]
    public void Contactor_CloseOpen_DrivesCoilAndReadsFeedback()
    {
        var coil = new FakeGpioOutput();
        var feedback = new FakeGpioInput();
        using var contactor = new GpioContactor(coil, feedback);

        contactor.Close();
        var commanded = contactor.IsCommandedClosed;
        var beforeFeedback = contactor.FeedbackClosed;
        feedback.Level = true;

        Assert.True(commanded);
        Assert.False(beforeFeedback);
        Assert.True(contactor.FeedbackClosed);
        contactor.Open();
        Assert.False(coil.IsActive);
        Assert.True(contactor.FeedbackClosed); // welded: the feedback tells, not the command
    }

    [Fact]
    public void ResidualCurrent_TripEdge_OpensContactorBeforeRaising()
    {
        var contactor = new GpioContactor(new FakeGpioOutput(), null);
        contactor.Close();
        var trip = new FakeGpioInput();
        using var rcd = new GpioResidualCurrentMonitor(trip, new FakeGpioOutput(), contactor, new FakeTimeProvider());
        bool? closedWhenRaised = null;
        rcd.Tripped += (_, _) => closedWhenRaised = contactor.IsCommandedClosed;

        rcd.OnEdge(new GpioEdge(true, TimeSpan.Zero));

        Assert.False(closedWhenRaised);
    }

    [Fact]
    public void ResidualCurrent_EdgeThread_RaisesTrippedAndStopsOnDispose()
    {
        var trip = new FakeGpioInput();
        var rcd = new GpioResidualCurrentMonitor(trip, new FakeGpioOutput(), null, new FakeTimeProvider());
        using var raised = new ManualResetEventSlim();
        rcd.Tripped += (_, _) => raised.Set();
        rcd.Start();

        trip.Drive(true);

        Assert.True(raised.Wait(TimeSpan.FromSeconds(5)));
        Assert.True(rcd.IsTripped);
        rcd.Dispose();
        Assert.True(trip.Disposed);
    }

    [Fact]
    public async Task ResidualCurrent_SelfTestModuleTripsAndReleases_PassesWithoutRaising()
    {
        var trip = new FakeGpioInput();
        var test = new FakeGpioOutput();
        var time = new FakeTimeProvider();
        using var rcd = new GpioResidualCurrentMonitor(trip, test, null, time);
        var raised = 0;
        rcd.Tripped += (_, _) => raised++;

        var run = rcd.RunSelfTestAsync(CancellationToken.None);
        Assert.True(test.IsActive);                                      // test current injected
        trip.Level = true;                                               // module trips
        Assert.True(await AdvanceUntil(time, () => !test.IsActive));     // test current removed
        trip.Level = false;                                              // module releases
        Assert.True(await AdvanceUntil(time, () => run.IsCompleted));

        Assert.True(await run);
        Assert.Equal(0, raised);
        Assert.True(time.GetUtcNow() - new FakeTimeProvider().GetUtcNow() < TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task ResidualCurrent_SelfTestModuleNeverTrips_FailsAfterTimeout()
    {
        var test = new FakeGpioOutput();
        var time = new FakeTimeProvider();
        var started = time.GetUtcNow();
        using var rcd = new GpioResidualCurrentMonitor(new FakeGpioInput(), test, null, time);

        var run = rcd.RunSelfTestAsync(CancellationToken.None);
        Assert.True(await AdvanceUntil(time, () => run.IsCompleted));

        Assert.False(await run);
        Assert.False(test.IsActive);
        Assert.InRange(time.GetUtcNow() - started, rcd.TripTimeout, rcd.TripTimeout + TimeSpan.FromMilliseconds(50));
    }

    /// <summary>
    /// Moves the fake clock in 1 ms steps until <paramref name="condition"/> holds, within 20 s of fake time. Delay
    /// continuations run on the thread pool, so each step yields to let them register their next timer; the wait for
    /// them is bounded on the real clock, not on a count of yields (a loaded machine may not run them for a while).
    /// </summary>
    private static async Task<bool> AdvanceUntil(FakeTimeProvider time, Func<bool> condition)
    {
        var fakeEnd = time.GetUtcNow() + TimeSpan.FromSeconds(20);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < RealClockWait.Deadline)
        {
            if (time.PendingTimers > 0 && time.GetUtcNow() < fakeEnd)
            {
                time.Advance(TimeSpan.FromMilliseconds(1));
                await Task.Yield();
            }
            else
            {
                await RealClockWait.UntilAsync(() => time.PendingTimers > 0 || condition(), TimeSpan.FromMilliseconds(5));
            }
        }

        return condition() && time.GetUtcNow() <= fakeEnd;
    }

    [Fact]
    public void SocketLock_Lock_PulsesOneSideForPulseLength()
    {
        var driveLock = new FakeGpioOutput();
        var driveUnlock = new FakeGpioOutput();
        var locked = new FakeGpioInput();
        var time = new FakeTimeProvider();
        using var socketLock = new GpioSocketLock(driveLock, driveUnlock, locked, null, TimeSpan.FromMilliseconds(300), time);

        socketLock.RequestLock();
        var during = (driveLock.IsActive, driveUnlock.IsActive, socketLock.State);
        locked.Level = true;
        time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal((true, false, SocketLockState.Unknown), during);
        Assert.False(driveLock.IsActive);
        Assert.Equal(SocketLockState.Locked, socketLock.State);
    }

    [Fact]
    public void SocketLock_TwoFeedbackSwitchesDisagree_IsUnknown()
    {
        var locked = new FakeGpioInput { Level = true };
        var unlocked = new FakeGpioInput { Level = true };
        using var socketLock = new GpioSocketLock(new FakeGpioOutput(), new FakeGpioOutput(), locked, unlocked, TimeSpan.FromMilliseconds(300), new FakeTimeProvider());

        Assert.Equal(SocketLockState.Unknown, socketLock.State);
        locked.Level = false;
        Assert.Equal(SocketLockState.Unlocked, socketLock.State);
    }

    [Fact]
    public void SocketLock_UnlockDuringLockPulse_NeverDrivesBothSides()
    {
        var driveLock = new FakeGpioOutput();
        var driveUnlock = new FakeGpioOutput();
        using var socketLock = new GpioSocketLock(driveLock, driveUnlock, new FakeGpioInput(), null, TimeSpan.FromMilliseconds(300), new FakeTimeProvider());

        socketLock.RequestLock();
        socketLock.RequestUnlock();

        Assert.False(driveLock.IsActive);
        Assert.True(driveUnlock.IsActive);
    }

    [Fact]
    public void StatusLed_BlueSlowFlash_TogglesEveryHalfSecond()
    {
        var (red, green, blue) = (new FakeGpioOutput(), new FakeGpioOutput(), new FakeGpioOutput());
        var time = new FakeTimeProvider();
        using var led = new GpioStatusLed(red, green, blue, time);

        led.Show(LedPattern.BlueSlowFlash);
        var states = new List<bool> { blue.IsActive };
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            states.Add(blue.IsActive);
        }

        Assert.Equal([true, true, false, false, true], states);
        Assert.False(red.IsActive);
        Assert.False(green.IsActive);
    }

    [Fact]
    public void StatusLed_PinkAndYellow_MixTwoColours()
    {
        var (red, green, blue) = (new FakeGpioOutput(), new FakeGpioOutput(), new FakeGpioOutput());
        using var led = new GpioStatusLed(red, green, blue, new FakeTimeProvider());

        led.Show(LedPattern.PinkSteady);
        var pink = (red.IsActive, green.IsActive, blue.IsActive);
        led.Show(LedPattern.YellowSteady);

        Assert.Equal((true, false, true), pink);
        Assert.Equal((true, true, false), (red.IsActive, green.IsActive, blue.IsActive));
    }

    [Fact]
    public void Buzzer_Rejected_TwoBeepsHalfASecondApart()
    {
        var output = new FakeGpioOutput();
        var time = new FakeTimeProvider();
        using var buzzer = new GpioBuzzer(output, time);
        var timeline = new List<(double Ms, bool On)>();
        var start = time.GetUtcNow();

        buzzer.Play(BuzzerPattern.Rejected);
        timeline.Add((0, output.IsActive));
        for (var ms = 50; ms <= 1000; ms += 50)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            if (timeline[^1].On != output.IsActive)
            {
                timeline.Add(((time.GetUtcNow() - start).TotalMilliseconds, output.IsActive));
            }
        }

        Assert.Equal([(0, true), (200, false), (500, true), (700, false)], timeline);
    }

    [Fact]
    public void DipSwitch_Poles_ReadInOrder()
    {
        using var dip = new GpioDipSwitch(new FakeGpioInput { Level = true }, new FakeGpioInput(), new FakeGpioInput { Level = true });

        Assert.Equal(new DipSwitchPositions(true, false, true), dip.Read());
    }
}
