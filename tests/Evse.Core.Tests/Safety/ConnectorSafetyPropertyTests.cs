using System.Globalization;
using Evse.Core.Protection;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Evse.Core.Tests.Safety;

/// <summary>
/// Issue #3's safety property over the real pieces (<see cref="SafetyRig"/>) and an independent model
/// (<see cref="SafetyModel"/>): random sequences of raw inputs and fake-time steps never leave the contactor closed
/// while it must be open, nor closed more than 100 ms after an unsafe condition began. 100,000 sequences per CI run;
/// set EVSE_PROPERTY_RUNS for the long mode (e.g. 2,000,000).
/// </summary>
public class ConnectorSafetyPropertyTests
{
    private const int MinInputs = 8;
    private const int MaxInputs = 40;
    private const string FreeVendId = "FREEVEND01";

    private static readonly double[] PilotLevels = [12, 9, 9, 6, 6, 6, 6, 6, 3, 3, 0, -12];
    private static readonly double[] PilotNoise = [0, 0, -0.4, 0.4, -0.8, 0.8];
    private static readonly string[] Cards = ["04A1B2C3D4", "04A1B2C3D4", "BADC0FFEE1", FreeVendId];
    private static readonly double[] SupplyVolts = [230, 230, 230, 230, 230, 280, 265, 150, 160];
    // Around 1.1 × 16 A (17.6 A) and 1.1 × 32 A (35.2 A) on both sides, and well over; a later Meter input or the
    // contactor opening ends a draw, so over-currents come both brief (under the 5 s hold) and sustained.
    private static readonly double[] DrawAmps = [0, 10, 15, 16, 17, 17.5, 17.7, 20, 35.1, 35.3, 36];
    private static readonly double?[] LoadLimits = [null, null, null, 32, 0, 5.9, 6, 10, 16];
    private static readonly TimeSpan[] Waits =
    [
        TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100),
        TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3),
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5.2), TimeSpan.FromSeconds(31), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(16),
    ];

    private static int Runs => int.TryParse(Environment.GetEnvironmentVariable("EVSE_PROPERTY_RUNS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 100_000;

    private static readonly Gen<RigInput> Input = Gen.Frequency(
        (8, from level in Gen.Elements(PilotLevels) from noise in Gen.Elements(PilotNoise) from diode in Gen.Elements(true, true, true, true, true, true, true, true, true, false)
            select (RigInput)new RigInput.Pilot(level + (level is 12 or -12 ? 0 : noise), diode)),
        (9, Gen.Elements(Waits).Select(w => (RigInput)new RigInput.Wait(w))),
        (3, Gen.Elements(Cards).Select(c => (RigInput)new RigInput.Card(c))),
        (2, Gen.Elements(Cards).Select(c => (RigInput)new RigInput.RemoteStart(c))),
        (1, Gen.Constant((RigInput)new RigInput.RemoteStop())),
        (3, from v in Gen.Elements(SupplyVolts) from a in Gen.Elements(DrawAmps) select (RigInput)new RigInput.Meter(v, a)),
        (1, Gen.Elements(true, false, false).Select(s => (RigInput)new RigInput.MeterSilent(s))),
        (1, Gen.Elements(true, false, false).Select(t => (RigInput)new RigInput.ResidualCurrent(t))),
        (1, from r in Gen.Elements(30.0, 30.0, 30.0, 110.0, 130.0) from i in Gen.Elements(30.0, 30.0, 30.0, 100.0, 120.0) from s in Gen.Elements(30.0, 30.0, 30.0, 100.0, 120.0)
            select (RigInput)new RigInput.Temperatures(r, i, s)),
        (1, from g in Gen.Elements(true, true, true, false) from p in Gen.Elements(true, true, true, false) select (RigInput)new RigInput.Supply(g, p)),
        (2, Gen.Elements(LoadLimits).Select(a => (RigInput)new RigInput.LoadLimit(a))),
        (1, Gen.Elements(true, false, false).Select(c => (RigInput)new RigInput.HoursClosed(c))),
        (1, Gen.Choose(0, int.MaxValue - 1).Select(seed => (RigInput)new RigInput.PowerFailureBoot(seed))),
        (1, Gen.Elements(true, true, true, true, true, true, true, true, false).Select(p => (RigInput)new RigInput.SelfTestOutcome(p))),
        (1, Gen.Choose(0, 7).Select(x => x == 0 ? (RigInput)new RigInput.Shutdown() : new RigInput.Wait(TimeSpan.FromMilliseconds(100)))));

    private static readonly Gen<(bool FreeVend, RigInput[] Inputs)> Sequences =
        from freeVend in Gen.Elements(true, false, false)
        from length in Gen.Choose(MinInputs, MaxInputs)
        from inputs in Gen.ArrayOf(Input, length)
        select (freeVend, inputs);

    private static long _sequencesThatCharged;
    private static long _unsafeWhileCharging;
    private static long _overCurrentWhileCharging;

    /// <summary>Runs one sequence; null when it stayed safe, else what went wrong and after which input.</summary>
    internal static string? Run(bool freeVend, IReadOnlyList<RigInput> inputs, ProtectionSettings? protection = null)
    {
        var vendId = freeVend ? FreeVendId : null;
        var rig = new SafetyRig(new SafetyModel(SafetyRig.AcceptedCards, vendId), vendId, protection);
        var charged = false;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (rig.Apply(inputs[i]) is { } violation)
            {
                return $"{violation} at +{(rig.Now - SafetyRig.Start).TotalMilliseconds:0} ms after input {i} ({inputs[i]}); state {rig.State}";
            }

            charged |= rig.EverClosed;
        }

        if (charged)
        {
            Interlocked.Increment(ref _sequencesThatCharged);
        }

        Interlocked.Add(ref _unsafeWhileCharging, rig.Model.UnsafeWhileClosed);
        Interlocked.Add(ref _overCurrentWhileCharging, rig.Model.OverCurrentWhileClosed);
        return null;
    }

    [Fact]
    public void Connector_AnyRawInputSequence_NeverUnsafe()
    {
        var runs = Runs;
        Interlocked.Exchange(ref _sequencesThatCharged, 0);
        Interlocked.Exchange(ref _unsafeWhileCharging, 0);
        Interlocked.Exchange(ref _overCurrentWhileCharging, 0);
        var parallel = FSharpOption<ParallelRunConfig>.Some(new ParallelRunConfig(Environment.ProcessorCount));
        Prop.ForAll(Sequences.ToArbitrary(), s =>
            {
                var failure = Run(s.FreeVend, s.Inputs);
                return failure is null ? true : throw new InvalidOperationException(failure);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(runs).WithQuietOnSuccess(true).WithParallelRunConfig(parallel));

        // Not vacuous: a good share of the sequences charge, and many meet an unsafe condition while charging.
        Assert.True(Interlocked.Read(ref _sequencesThatCharged) >= runs / 10, $"only {_sequencesThatCharged} of {runs} sequences closed the contactor");
        Assert.True(Interlocked.Read(ref _unsafeWhileCharging) >= runs / 50, $"only {_unsafeWhileCharging} unsafe conditions met a closed contactor");
        Assert.True(Interlocked.Read(ref _overCurrentWhileCharging) >= runs / 500, $"only {_overCurrentWhileCharging} over-currents held 5 s while charging");
        Console.WriteLine($"safety property: {runs} sequences, {_sequencesThatCharged} charged, {_unsafeWhileCharging} unsafe while closed, {_overCurrentWhileCharging} of them over-current");
    }

    [Fact]
    public void Run_Session3OverCurrentCounterexample_StaysSafe()
    {
        // The first 17 inputs of the counterexample FsCheck found with seed (14350997610002973010,6974999362290202459),
        // size 57, fixed here because a seed replays only with the generator of its day. The residual-current fault
        // clears at a sample, the loop restarts and the contactor closes in that same step onto a 36 A draw under a
        // 6 A offer. The rig used to remember the snapshot as it stood after that step as "sampled", so it never
        // showed the monitor the over-current and the contactor stayed closed; the real loop samples every 100 ms.
        RigInput[] inputs =
        [
            new RigInput.Pilot(5.2, true), new RigInput.Wait(TimeSpan.FromMilliseconds(150)), new RigInput.Card("04A1B2C3D4"),
            new RigInput.ResidualCurrent(true), new RigInput.Pilot(2.2, true), new RigInput.Card("BADC0FFEE1"),
            new RigInput.Wait(TimeSpan.FromSeconds(3)), new RigInput.Pilot(8.2, true), new RigInput.Meter(265, 36),
            new RigInput.Pilot(3, true), new RigInput.Wait(TimeSpan.FromMinutes(16)), new RigInput.LoadLimit(6),
            new RigInput.Temperatures(110, 30, 100), new RigInput.Wait(TimeSpan.FromSeconds(3)),
            new RigInput.Wait(TimeSpan.FromMilliseconds(300)), new RigInput.ResidualCurrent(false),
            new RigInput.Wait(TimeSpan.FromSeconds(5.2)),
        ];

        Assert.Null(Run(false, inputs));
    }

    [Fact]
    public void Run_MonitorHoldingOverVoltageTooLong_IsCaught()
    {
        // The property must be able to fail: 280 V for 6 s while charging is unsafe from 5 s on; a monitor that waits
        // 10 s leaves the contactor closed, and the model says so.
        RigInput[] charging =
        [
            new RigInput.Pilot(9, true), new RigInput.RemoteStart("04A1B2C3D4"), new RigInput.Pilot(6, true),
            new RigInput.Wait(TimeSpan.FromSeconds(1)), new RigInput.Meter(280, 16), new RigInput.Wait(TimeSpan.FromSeconds(6)),
        ];

        var slow = ProtectionSettings.ForPhases(1) with { VoltageHold = TimeSpan.FromSeconds(10) };
        Assert.Contains("over-voltage", Run(false, charging, slow), StringComparison.Ordinal);
        Assert.Null(Run(false, charging));
    }

    [Fact]
    public void Run_MonitorHoldingOverCurrentTooLong_IsCaught()
    {
        // 20 A under a 16 A offer (over 17.6 A) for 6 s is unsafe from 5 s on; a monitor holding 10 s misses it.
        RigInput[] charging =
        [
            new RigInput.Pilot(9, true), new RigInput.RemoteStart("04A1B2C3D4"), new RigInput.Pilot(6, true), new RigInput.LoadLimit(16),
            new RigInput.Wait(TimeSpan.FromSeconds(1)), new RigInput.Meter(230, 20), new RigInput.Wait(TimeSpan.FromSeconds(6)),
        ];

        var slow = ProtectionSettings.ForPhases(1) with { OverCurrentHold = TimeSpan.FromSeconds(10) };
        Assert.Contains("over-current", Run(false, charging, slow), StringComparison.Ordinal);
        Assert.Null(Run(false, charging));
    }

    [Theory]
    [InlineData(4.8, true)]
    [InlineData(5.3, false)]
    public void Apply_OfferDropsUnderAFullDraw_EvGetsItsResponseDelay(double secondsToFollow, bool stillCharging)
    {
        // Charging 32 A at the full offer, then a load-management grant of 16 A: IEC 61851-1 Annex A gives the EV 5 s
        // to follow the lower duty cycle. Following within that keeps charging; still drawing 32 A after it trips.
        var rig = new SafetyRig(new SafetyModel(SafetyRig.AcceptedCards, null), null);
        RigInput[] inputs =
        [
            new RigInput.Pilot(9, true), new RigInput.RemoteStart("04A1B2C3D4"), new RigInput.Pilot(6, true),
            new RigInput.Meter(230, 32), new RigInput.Wait(TimeSpan.FromSeconds(2)), new RigInput.LoadLimit(16),
            new RigInput.Wait(TimeSpan.FromSeconds(secondsToFollow)), new RigInput.Meter(230, 16), new RigInput.Wait(TimeSpan.FromSeconds(1)),
        ];
        foreach (var input in inputs)
        {
            Assert.Null(rig.Apply(input));
        }

        Assert.Equal(stillCharging, rig.ContactorClosed);
        Assert.Equal(!stillCharging, rig.State.ActiveFaults.Contains(FaultCode.OverCurrent));
    }

    [Fact]
    public void Run_ColdLoadHoldAfterPowerFailure_ChargesOnlyAfterTheHold()
    {
        RigInput[] boot =
        [
            new RigInput.PowerFailureBoot(42), new RigInput.Pilot(9, true), new RigInput.RemoteStart("04A1B2C3D4"),
            new RigInput.Pilot(6, true), new RigInput.Wait(TimeSpan.FromSeconds(119)),
        ];
        var vendId = (string?)null;
        var rig = new SafetyRig(new SafetyModel(SafetyRig.AcceptedCards, vendId), vendId);
        foreach (var input in boot)
        {
            Assert.Null(rig.Apply(input));
        }

        Assert.False(rig.ContactorClosed);
        Assert.Null(rig.Apply(new RigInput.Wait(TimeSpan.FromSeconds(602))));
        Assert.True(rig.ContactorClosed);
    }
}
