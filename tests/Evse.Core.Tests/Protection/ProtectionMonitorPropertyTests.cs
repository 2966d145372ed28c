using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Protection;
using FsCheck;
using FsCheck.Fluent;

namespace Evse.Core.Tests.Protection;

/// <summary>
/// Random measurement sequences never leave an unsafe condition unreported beyond its hold time: whenever
/// a trip condition (judged here independently from the raw numbers) has held continuously for at least
/// its hold time, the matching fault is active. Set EVSE_PROPERTY_LONG=1 for a longer run.
/// </summary>
public class ProtectionMonitorPropertyTests
{
    private static readonly int Runs = Environment.GetEnvironmentVariable("EVSE_PROPERTY_LONG") == "1" ? 20_000 : 1_000;

    private sealed record Step(int DeltaMs, double Volts, double Amps, double OfferedAmps, bool Commanded, bool Feedback, bool Rcd, double RelayCelsius, bool MeterSilent);

    private static readonly Gen<Step> StepGen =
        from delta in Gen.Choose(20, 1500)
        from volts in Gen.OneOf(Gen.Choose(140, 290).Select(v => (double)v), Gen.Constant(230.0))
        from offered in Gen.Elements(0.0, 6.0, 16.0, 32.0)
        from amps in Gen.Choose(0, 400).Select(a => a / 10.0)
        from commanded in Gen.Elements(true, true, false)
        from feedbackAgrees in Gen.Elements(true, true, true, false)
        from rcd in Gen.Elements(false, false, false, false, false, true)
        from relay in Gen.Choose(20, 140).Select(t => (double)t)
        from silent in Gen.Elements(false, false, false, false, false, false, true)
        select new Step(delta, volts, amps, offered, commanded, feedbackAgrees ? commanded : !commanded, rcd, relay, silent);

    private static readonly (FaultCode Code, TimeSpan Hold, Func<Step, bool> Unsafe)[] Conditions =
    [
        (FaultCode.OverVoltage, TimeSpan.FromSeconds(5), s => !s.MeterSilent && s.Volts > 276),
        (FaultCode.UnderVoltage, TimeSpan.FromSeconds(5), s => !s.MeterSilent && s.Volts < 154),
        (FaultCode.OverCurrent, TimeSpan.FromSeconds(5), s => !s.MeterSilent && s.Commanded && s.OfferedAmps >= 6 && s.Amps > 1.1 * s.OfferedAmps),
        (FaultCode.ResidualCurrent, TimeSpan.Zero, s => s.Rcd),
        (FaultCode.RelayOverTemperature, TimeSpan.Zero, s => s.RelayCelsius > 125),
        (FaultCode.RelayWelded, TimeSpan.FromSeconds(1), s => !s.Commanded && s.Feedback),
        (FaultCode.ChargingCircuitAbnormal, TimeSpan.FromSeconds(1), s => s.Commanded && !s.Feedback),
        (FaultCode.MeteringFailure, TimeSpan.FromSeconds(3), s => s.MeterSilent),
    ];

    private static ProtectionSnapshot ToSnapshot(Step s) => new()
    {
        Meter = s.MeterSilent ? null : ProtectionHarness.Sample(PhaseValues.OnePhase(s.Volts), PhaseValues.OnePhase(s.Amps)),
        OfferedAmps = s.OfferedAmps,
        ContactorCommandedClosed = s.Commanded,
        ContactorFeedbackClosed = s.Feedback,
        ResidualCurrentTripped = s.Rcd,
        Temperatures = new TemperatureReadings(s.RelayCelsius, 40, 40),
        Pilot = PilotState.C,
    };

    private static bool NeverUnreported(Step[] steps) => NeverUnreported(steps, new ProtectionMonitor(ProtectionSettings.ForPhases(1)));

    private static bool NeverUnreported(Step[] steps, ProtectionMonitor monitor)
    {
        var state = ProtectionMonitor.Initial();
        var now = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var unsafeSince = new DateTimeOffset?[Conditions.Length];
        foreach (var step in steps)
        {
            now += TimeSpan.FromMilliseconds(step.DeltaMs);
            state = monitor.Evaluate(state, ToSnapshot(step), now).State;
            for (var i = 0; i < Conditions.Length; i++)
            {
                var (code, hold, isUnsafe) = Conditions[i];
                unsafeSince[i] = isUnsafe(step) ? unsafeSince[i] ?? now : null;
                if (unsafeSince[i] is { } since && now - since >= hold && !state.IsActive(code))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Fact]
    public void Evaluate_RandomSequences_NeverLeaveAnUnsafeConditionUnreportedBeyondItsHold()
    {
        var sequences = Gen.ArrayOf(StepGen).Select(a => a.Length > 300 ? a[..300] : a).ToArbitrary();
        Prop.ForAll(sequences, NeverUnreported)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Runs));
    }

    [Fact]
    public void NeverUnreported_MonitorWithTooLongAHold_IsCaught()
    {
        // The property must be able to fail: 6 s of over-voltage is unsafe past 5 s, and a monitor
        // holding for 10 s would leave it unreported.
        var overVoltage = Enumerable.Repeat(new Step(100, 280, 0, 0, false, false, false, 40, false), 61).ToArray();
        var slow = new ProtectionMonitor(ProtectionSettings.ForPhases(1) with { VoltageHold = TimeSpan.FromSeconds(10) });
        Assert.False(NeverUnreported(overVoltage, slow));
        Assert.True(NeverUnreported(overVoltage));
    }
}
