using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Protection;
using Evse.Testing;

namespace Evse.Core.Tests.Protection;

/// <summary>Drives a <see cref="ProtectionMonitor"/> on a fake clock, collecting what it raises and clears.</summary>
internal sealed class ProtectionHarness
{
    private readonly ProtectionMonitor _monitor;

    public ProtectionHarness(ProtectionSettings? settings = null)
    {
        _monitor = new ProtectionMonitor(settings ?? ProtectionSettings.ForPhases(1));
        State = ProtectionMonitor.Initial();
    }

    public FakeTimeProvider Clock { get; } = new();

    public ProtectionMonitor Monitor => _monitor;

    public ProtectionState State { get; set; }

    public List<FaultNotice> Raised { get; } = [];

    public List<FaultCode> Cleared { get; } = [];

    public List<ProtectionWarning> WarningsRaised { get; } = [];

    public List<ProtectionWarning> WarningsCleared { get; } = [];

    public ProtectionResult? Last { get; private set; }

    /// <summary>A healthy single-phase charging sample: 230 V, 16 A offered, 15 A drawn, contactor closed.</summary>
    public static ProtectionSnapshot Charging(double volts = 230, double amps = 15, double offered = 16) => new()
    {
        Meter = Sample(PhaseValues.OnePhase(volts), PhaseValues.OnePhase(amps)),
        OfferedAmps = offered,
        ContactorCommandedClosed = true,
        ContactorFeedbackClosed = true,
        Pilot = PilotState.C,
        Temperatures = new TemperatureReadings(40, 35, 30),
    };

    public static ProtectionSnapshot ThreePhase(double phaseVolts, double amps = 15) => Charging() with
    {
        Meter = Sample(PhaseValues.All(phaseVolts), PhaseValues.All(amps)),
    };

    public static MeterSample Sample(PhaseValues volts, PhaseValues amps) =>
        new(volts, amps, new PhaseValues(volts.L1 * amps.L1, volts.L2 * amps.L2, volts.L3 * amps.L3), 1000, 50);

    public ProtectionResult Feed(ProtectionSnapshot snapshot)
    {
        Last = _monitor.Evaluate(State, snapshot, Clock.GetUtcNow());
        State = Last.State;
        Raised.AddRange(Last.Raised);
        Cleared.AddRange(Last.Cleared);
        WarningsRaised.AddRange(Last.WarningsRaised);
        WarningsCleared.AddRange(Last.WarningsCleared);
        return Last;
    }

    /// <summary>Feeds the same snapshot every <paramref name="step"/> for <paramref name="duration"/> (the first sample now).</summary>
    public void Hold(ProtectionSnapshot snapshot, TimeSpan duration, TimeSpan? step = null)
    {
        var s = step ?? TimeSpan.FromMilliseconds(100);
        var end = Clock.GetUtcNow() + duration;
        Feed(snapshot);
        while (Clock.GetUtcNow() + s <= end)
        {
            Clock.Advance(s);
            Feed(snapshot);
        }
    }

    public bool Active(FaultCode code) => State.IsActive(code);
}
