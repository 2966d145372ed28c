using Evse.Core.Control;
using Evse.Testing;

namespace Evse.Core.Tests.Control;

/// <summary>
/// The lock-free wake-up between the control loop and the ordinary threads it talks to. Waits are bounded by the real
/// clock (threads are involved); nothing here sleeps.
/// </summary>
public sealed class WakeSignalTests
{
    [Fact]
    public void Constructor_OnLinux_UsesTheKernelSignal()
    {
        using var signal = new WakeSignal();

        Assert.Equal(OperatingSystem.IsLinux(), signal.IsKernelSignal);
    }

    [Fact]
    public async Task Wait_SetBefore_ReturnsAtOnce()
    {
        using var signal = new WakeSignal();
        signal.Set();

        var waited = Task.Run(() => signal.Wait());

        await waited.WaitAsync(RealClockWait.Deadline);
        Assert.True(waited.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Wait_SetLaterFromAnotherThread_Returns()
    {
        using var signal = new WakeSignal();
        using var waiting = new ManualResetEventSlim(false);
        var waited = Task.Factory.StartNew(
            () =>
            {
                waiting.Set();
                signal.Wait();
            },
            TaskCreationOptions.LongRunning);
        Assert.True(waiting.Wait(RealClockWait.Deadline));
        Assert.False(waited.IsCompleted);

        signal.Set();

        await waited.WaitAsync(RealClockWait.Deadline);
        Assert.True(waited.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Wait_Cancelled_ThrowsOperationCanceled()
    {
        using var signal = new WakeSignal();
        using var stop = new CancellationTokenSource();
        var waited = Task.Factory.StartNew(() => signal.Wait(stop.Token), TaskCreationOptions.LongRunning);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waited.WaitAsync(RealClockWait.Deadline));
    }

    [Fact]
    public void SetAndWait_AfterDispose_SetIgnoredWaitThrowsDisposed()
    {
        var signal = new WakeSignal();
        signal.Dispose();

        if (signal.IsKernelSignal)
        {
            signal.Set();
        }

        Assert.Throws<ObjectDisposedException>(() => signal.Wait());
    }

    [Fact]
    public async Task Set_ManyThreadsWhileOneWaits_EveryRoundWakesTheWaiter()
    {
        using var signal = new WakeSignal();
        var rounds = 0;
        using var stop = new CancellationTokenSource();
        var waiter = Task.Factory.StartNew(
            () =>
            {
                while (Volatile.Read(ref rounds) < 1000)
                {
                    signal.Wait(stop.Token);
                    Interlocked.Increment(ref rounds);
                }
            },
            TaskCreationOptions.LongRunning);

        var setters = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!waiter.IsCompleted)
            {
                signal.Set();
                Thread.Yield();
            }
        })).ToArray();

        await waiter.WaitAsync(RealClockWait.Deadline);
        await Task.WhenAll(setters).WaitAsync(RealClockWait.Deadline);
        Assert.Equal(1000, Volatile.Read(ref rounds));
    }
}
