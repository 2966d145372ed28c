using System.Collections.Immutable;
using System.Globalization;
using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;

namespace Evse.Core.Protection;

/// <summary>
/// The protections of one connector as a pure step: (state, snapshot, now) → (state, raised, cleared,
/// warnings). No clock, no I/O: the control loop calls <see cref="Evaluate"/> with every sample (at
/// least every 100 ms while the contactor is closed, so hold times are met to one sample) and turns
/// <see cref="ProtectionResult.Raised"/> into <c>FaultRaised</c> events and fault records.
/// </summary>
/// <remarks>
/// Every fault follows one scheme. While inactive, a fault is raised once its trip condition has held
/// for the rule's hold time. While active, it recovers once its condition has been normal for the
/// rule's normal hold and it has been active for the rule's minimum time, unless it is latched. A
/// latch comes from <see cref="FaultCatalog"/> (hard faults), from running out of automatic restarts,
/// or from a residual-current trip at session start. Latched faults need <see cref="Acknowledge"/>
/// (a person, once the condition is gone) or, where the rule says so, an unplug. Unplugging also resets
/// the restart counters: a new plug-in is a new vehicle or a person who looked at it.
/// </remarks>
public sealed class ProtectionMonitor
{
    private readonly ProtectionSettings _settings;
    private readonly ImmutableArray<FaultRule> _rules;

    public ProtectionMonitor(ProtectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _rules = BuildRules(settings);
    }

    public ProtectionSettings Settings => _settings;

    /// <summary>The codes this monitor judges from snapshots (all but diode and self test, which the state machine and <see cref="ReportSelfTest"/> own).</summary>
    public IEnumerable<FaultCode> WatchedCodes => _rules.Select(r => r.Code);

    public static ProtectionState Initial() => new()
    {
        Trackers = Enum.GetValues<FaultCode>().ToImmutableDictionary(c => c, FaultTracker.Idle),
    };

    public ProtectionResult Evaluate(ProtectionState state, ProtectionSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(snapshot);

        var raised = new List<FaultNotice>();
        var cleared = new List<FaultCode>();
        var trackers = state.Trackers.ToBuilder();

        var loadNow = LoadFlowing(snapshot);
        var unplugEdge = snapshot.Pilot == PilotState.A && state.LastPilot != PilotState.A;
        var plugOutWithLoad = snapshot.Pilot == PilotState.A && (loadNow || snapshot.UnpluggedUnderLoad);

        foreach (var rule in _rules)
        {
            var tracker = trackers[rule.Code];
            var (judgement, detail) = Judge(rule.Code, snapshot, now, plugOutWithLoad);

            if (unplugEdge)
            {
                tracker = tracker with { RestartsUsed = 0 };
                if (tracker is { Active: true, Latched: true } && rule.UnplugClearsLatch && judgement != Judgement.Trip)
                {
                    tracker = tracker with { Active = false, Latched = false, ActiveSince = null, NormalSince = null, PendingSince = null };
                    cleared.Add(rule.Code);
                    trackers[rule.Code] = tracker;
                    continue;
                }
            }

            trackers[rule.Code] = tracker.Active
                ? StepActive(rule, tracker, judgement, now, cleared)
                : StepInactive(rule, tracker, judgement, detail, snapshot, now, raised);
        }

        var (warnings, pending, warningsRaised, warningsCleared) = StepWarnings(state, snapshot, now);
        var next = state with
        {
            Trackers = trackers.ToImmutable(),
            ActiveWarnings = warnings,
            WarningPendingSince = pending,
            LastPilot = snapshot.Pilot,
        };

        return new ProtectionResult(next, raised, cleared, warningsRaised, warningsCleared, NextDeadline(next));
    }

    /// <summary>
    /// A person (portal, maintenance) clears a fault. Refused while its condition still trips: the
    /// snapshot is the current one. Returns false and the same state when refused or not active.
    /// </summary>
    public bool TryAcknowledge(ProtectionState state, FaultCode code, ProtectionSnapshot snapshot, DateTimeOffset now, out ProtectionState next)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(snapshot);
        next = state;
        if (!state.IsActive(code))
        {
            return false;
        }

        if (code != FaultCode.SelfTestFailed && Judge(code, snapshot, now, plugOutWithLoad: false).Judgement == Judgement.Trip)
        {
            return false;
        }

        next = state with
        {
            Trackers = state.Trackers.SetItem(code, FaultTracker.Idle(code)),
            SelfTestFailures = code == FaultCode.SelfTestFailed ? 0 : state.SelfTestFailures,
        };
        return true;
    }

    /// <summary>Feeds the result of a residual-current self test through <see cref="SelfTestPolicy"/>.</summary>
    public static SelfTestVerdict ReportSelfTest(ProtectionState state, bool passed, DateTimeOffset now) =>
        SelfTestPolicy.Decide(state, passed, now);

    private static ImmutableArray<FaultRule> BuildRules(ProtectionSettings s)
    {
        var zero = TimeSpan.Zero;
        return
        [
            new(FaultCode.OverVoltage, s.VoltageHold, zero, zero, false, false),
            new(FaultCode.UnderVoltage, s.VoltageHold, zero, zero, false, false),
            new(FaultCode.OverCurrent, s.OverCurrentHold, s.OverCurrentRestartAfter, zero, true, true),
            new(FaultCode.ResidualCurrent, zero, zero, s.ResidualCurrentRetryAfter, true, false),
            new(FaultCode.RelayOverTemperature, zero, zero, zero, false, false),
            new(FaultCode.InputOverTemperature, zero, zero, zero, false, false),
            new(FaultCode.SocketOverTemperature, zero, zero, zero, false, false),
            new(FaultCode.CpVoltageAbnormal, zero, zero, zero, false, false),
            new(FaultCode.RelayWelded, s.WeldDetectHold, zero, zero, false, false),
            new(FaultCode.ChargingCircuitAbnormal, s.CircuitAbnormalHold, zero, s.CircuitAbnormalRestartAfter, true, true),
            new(FaultCode.GroundFault, s.SupplyFaultHold, s.SupplyRecoverHold, zero, false, false),
            new(FaultCode.LnReversed, s.SupplyFaultHold, s.SupplyRecoverHold, zero, false, false),
            new(FaultCode.PhaseLoss, s.SupplyFaultHold, s.SupplyRecoverHold, zero, false, false),
            new(FaultCode.MeteringFailure, s.MeterMissingHold, s.MeterRecoverHold, zero, false, false),
            new(FaultCode.MeteringCommunicationFailure, zero, zero, zero, false, false),
            new(FaultCode.CardReaderOffline, s.CardReaderOfflineHold, zero, zero, false, false),
            new(FaultCode.LockFailure, s.LockHold, zero, zero, false, false),
            new(FaultCode.ProximityPilotError, s.ProximityHold, zero, zero, false, false),
            new(FaultCode.PlugOutWithLoad, zero, zero, s.PlugOutRecoverAfter, false, false),

            // Seed 004 advises restarting 3 times: counted like the other restartable faults.
            new(FaultCode.ProtectiveEarthLeakage, s.SupplyFaultHold, s.SupplyRecoverHold, zero, true, false),

            // Seed 004: "recover after unplugging the charging gun": latched until the unplug.
            new(FaultCode.VehicleLeakage, zero, zero, zero, false, true),
        ];
    }

    private FaultTracker StepInactive(
        FaultRule rule, FaultTracker tracker, Judgement judgement, string detail, ProtectionSnapshot snapshot, DateTimeOffset now, List<FaultNotice> raised)
    {
        if (judgement != Judgement.Trip)
        {
            return tracker.PendingSince is null ? tracker : tracker with { PendingSince = null };
        }

        var since = tracker.PendingSince ?? now;
        if (now - since < rule.RaiseHold)
        {
            return tracker with { PendingSince = since };
        }

        var latched = FaultCatalog.Describe(rule.Code).Hard
            || (rule.CountsRestarts && tracker.RestartsUsed >= _settings.MaxAutoRestarts)
            || (rule.Code == FaultCode.ResidualCurrent && snapshot.SessionJustStarted)
            || rule.Code == FaultCode.VehicleLeakage;
        if (rule.RaiseHold > TimeSpan.Zero)
        {
            detail = string.Create(CultureInfo.InvariantCulture, $"{detail} for {rule.RaiseHold.TotalSeconds:0.#} s");
        }

        if (rule.CountsRestarts && tracker.RestartsUsed >= _settings.MaxAutoRestarts)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $"; {tracker.RestartsUsed} automatic restarts used, staying faulted");
        }
        else if (rule.Code == FaultCode.ResidualCurrent && snapshot.SessionJustStarted)
        {
            detail += "; tripped at session start";
        }

        raised.Add(new FaultNotice(rule.Code, detail, latched));
        return tracker with { Active = true, Latched = latched, ActiveSince = now, PendingSince = null, NormalSince = null };
    }

    private static FaultTracker StepActive(FaultRule rule, FaultTracker tracker, Judgement judgement, DateTimeOffset now, List<FaultCode> cleared)
    {
        if (judgement != Judgement.Normal)
        {
            return tracker.NormalSince is null ? tracker : tracker with { NormalSince = null };
        }

        var normalSince = tracker.NormalSince ?? now;
        var recovered = !tracker.Latched
            && now - normalSince >= rule.NormalHold
            && now - tracker.ActiveSince!.Value >= rule.MinimumActive;
        if (!recovered)
        {
            return tracker with { NormalSince = normalSince };
        }

        cleared.Add(rule.Code);
        return tracker with
        {
            Active = false,
            ActiveSince = null,
            NormalSince = null,
            PendingSince = null,
            RestartsUsed = rule.CountsRestarts ? tracker.RestartsUsed + 1 : tracker.RestartsUsed,
        };
    }

    private (Judgement Judgement, string Detail) Judge(FaultCode code, ProtectionSnapshot s, DateTimeOffset now, bool plugOutWithLoad)
    {
        var set = _settings;
        return code switch
        {
            FaultCode.OverVoltage => JudgeVoltage(s.Meter, over: true),
            FaultCode.UnderVoltage => JudgeVoltage(s.Meter, over: false),
            FaultCode.OverCurrent => JudgeOverCurrent(s),
            FaultCode.ResidualCurrent => (s.ResidualCurrentTripped ? Judgement.Trip : Judgement.Normal, "residual current monitor tripped"),
            FaultCode.RelayOverTemperature => JudgeTemperature(s.Temperatures.RelayCelsius, set.RelayTripCelsius, "relay"),
            FaultCode.InputOverTemperature => JudgeTemperature(s.Temperatures.InputTerminalCelsius, set.InputTerminalTripCelsius, "input terminal"),
            FaultCode.SocketOverTemperature => JudgeTemperature(s.Temperatures.SocketCelsius, set.SocketTripCelsius, "socket"),
            FaultCode.CpVoltageAbnormal when !set.JudgePilot => (Judgement.Between, "judged by the state machine from pilot events"),
            FaultCode.CpVoltageAbnormal => (
                s.Pilot is PilotState.E or PilotState.F && !s.DrivingStateF ? Judgement.Trip
                : s.Pilot == PilotState.A ? Judgement.Normal
                : Judgement.Between,
                $"pilot in state {s.Pilot} (−11 V to 2 V band) while not driving state F"),
            FaultCode.RelayWelded => (
                !s.ContactorCommandedClosed && s.ContactorFeedbackClosed ? Judgement.Trip : Judgement.Normal,
                "contactor feedback still closed after the open command"),
            FaultCode.ChargingCircuitAbnormal => (
                s.ContactorCommandedClosed && !s.ContactorFeedbackClosed ? Judgement.Trip : Judgement.Normal,
                "contactor commanded closed but feedback open"),
            FaultCode.GroundFault => (s.Supply.GroundOk ? Judgement.Normal : Judgement.Trip, "protective earth not detected"),
            FaultCode.LnReversed => (s.Supply.PolarityOk ? Judgement.Normal : Judgement.Trip, "line and neutral reversed"),
            FaultCode.PhaseLoss => JudgePhaseLoss(s.Meter),
            FaultCode.MeteringFailure => (s.Meter is null ? Judgement.Trip : Judgement.Normal, "energy meter did not answer"),
            FaultCode.MeteringCommunicationFailure => JudgeGridMeter(s, now),
            FaultCode.CardReaderOffline => (s.CardReaderOnline == false ? Judgement.Trip : Judgement.Normal, "card reader does not answer"),
            FaultCode.LockFailure => (
                s.LockCommanded is { } wanted && s.LockFeedback != wanted ? Judgement.Trip : Judgement.Normal,
                $"lock commanded {s.LockCommanded} but feedback says {s.LockFeedback}"),
            FaultCode.ProximityPilotError => (
                s.ProximityOhms is { } ohms && (ohms < set.ProximityMinOhms || ohms > set.ProximityMaxOhms || double.IsNaN(ohms)) ? Judgement.Trip : Judgement.Normal,
                string.Create(CultureInfo.InvariantCulture, $"PP {s.ProximityOhms:0} Ω outside {set.ProximityMinOhms:0}–{set.ProximityMaxOhms:0} Ω")),
            FaultCode.ProtectiveEarthLeakage => (
                s.ProtectiveEarthLeakageMilliamps is { } milliamps && milliamps >= set.ProtectiveEarthLeakageTripMilliamps ? Judgement.Trip : Judgement.Normal,
                string.Create(CultureInfo.InvariantCulture, $"PE leakage {s.ProtectiveEarthLeakageMilliamps:0.#} mA ≥ {set.ProtectiveEarthLeakageTripMilliamps:0} mA")),
            FaultCode.VehicleLeakage => (s.VehicleLeakageDetected ? Judgement.Trip : Judgement.Normal, "leakage reported on the vehicle side"),
            FaultCode.PlugOutWithLoad => (
                plugOutWithLoad ? Judgement.Trip : LoadFlowing(s) ? Judgement.Between : Judgement.Normal,
                "unplugged while current flowed"),
            _ => (Judgement.Normal, string.Empty),
        };
    }

    private static readonly int[] ThreePhases = [1, 2, 3];
    private static readonly int[] OnePhase = [1];

    private int[] MonitoredPhases => _settings.PhaseCount == 3 ? ThreePhases : OnePhase;

    private (Judgement, string) JudgeVoltage(MeterSample? meter, bool over)
    {
        if (meter is null)
        {
            return (Judgement.Between, "no meter reading");
        }

        var set = _settings;

        // On 3 phases a missing phase is a phase loss, not an under-voltage of the supply.
        var judged = MonitoredPhases
            .Where(p => set.PhaseCount == 1 || meter.VoltageVolts[p] >= set.PhaseLossVolts)
            .Select(p => (Phase: p, Volts: set.JudgedVolts(meter.VoltageVolts[p])))
            .ToList();
        if (judged.Count == 0)
        {
            return (Judgement.Between, "no phase present");
        }

        var kind = set.PhaseCount == 3 ? "line-to-line " : string.Empty;
        if (over)
        {
            var worst = judged.MaxBy(j => j.Volts);
            var detail = string.Create(CultureInfo.InvariantCulture, $"L{worst.Phase} {kind}{worst.Volts:0.0} V > {set.OverVoltageTripVolts:0} V");
            return (worst.Volts > set.OverVoltageTripVolts ? Judgement.Trip
                : judged.All(j => j.Volts < set.OverVoltageRecoverVolts) ? Judgement.Normal
                : Judgement.Between, detail);
        }
        else
        {
            var worst = judged.MinBy(j => j.Volts);
            var detail = string.Create(CultureInfo.InvariantCulture, $"L{worst.Phase} {kind}{worst.Volts:0.0} V < {set.UnderVoltageTripVolts:0} V");
            return (worst.Volts < set.UnderVoltageTripVolts ? Judgement.Trip
                : judged.All(j => j.Volts > set.UnderVoltageRecoverVolts) ? Judgement.Normal
                : Judgement.Between, detail);
        }
    }

    private (Judgement, string) JudgeOverCurrent(ProtectionSnapshot s)
    {
        // With the contactor open no current is ours to limit; a current then is the weld protection's business.
        if (!s.ContactorCommandedClosed || s.OfferedAmps < PilotDuty.MinimumAmps)
        {
            return (Judgement.Normal, string.Empty);
        }

        if (s.Meter is null)
        {
            return (Judgement.Between, "no meter reading");
        }

        var limit = s.OfferedAmps * _settings.OverCurrentFactor;
        var phase = MonitoredPhases.MaxBy(p => s.Meter.CurrentAmps[p]);
        var amps = s.Meter.CurrentAmps[phase];
        var detail = string.Create(CultureInfo.InvariantCulture, $"L{phase} {amps:0.0} A > {_settings.OverCurrentFactor:0.##} × {s.OfferedAmps:0.#} A offered");
        return (amps > limit ? Judgement.Trip : Judgement.Normal, detail);
    }

    private (Judgement, string) JudgeTemperature(double celsius, double tripCelsius, string where)
    {
        var detail = string.Create(CultureInfo.InvariantCulture, $"{where} {celsius:0.0} °C > {tripCelsius:0} °C");
        return celsius switch
        {
            double.NaN => (Judgement.Normal, detail),
            _ when celsius > tripCelsius => (Judgement.Trip, detail),
            _ when celsius <= tripCelsius - _settings.CoolDownCelsius => (Judgement.Normal, detail),
            _ => (Judgement.Between, detail),
        };
    }

    private (Judgement, string) JudgePhaseLoss(MeterSample? meter)
    {
        if (_settings.PhaseCount != 3)
        {
            return (Judgement.Normal, string.Empty);
        }

        if (meter is null)
        {
            return (Judgement.Between, "no meter reading");
        }

        var v = meter.VoltageVolts;
        var lowest = ThreePhases.MinBy(p => v[p]);
        var detail = string.Create(CultureInfo.InvariantCulture, $"3-phase configured, L{lowest} at {v[lowest]:0.0} V");
        return v[lowest] < _settings.PhaseLossVolts ? (Judgement.Trip, detail)
            : v[lowest] >= _settings.PhaseLossRecoverVolts ? (Judgement.Normal, detail)
            : (Judgement.Between, detail);
    }

    private (Judgement, string) JudgeGridMeter(ProtectionSnapshot s, DateTimeOffset now)
    {
        if (!s.GridMeterInstalled)
        {
            return (Judgement.Normal, string.Empty);
        }

        var stale = s.GridMeterSampleAt is not { } at || now - at > _settings.GridMeterStaleAfter;
        return (stale ? Judgement.Trip : Judgement.Normal,
            string.Create(CultureInfo.InvariantCulture, $"no grid meter data for more than {_settings.GridMeterStaleAfter.TotalSeconds:0} s"));
    }

    private bool LoadFlowing(ProtectionSnapshot s) =>
        s.ContactorFeedbackClosed
        || (s.Meter is { } m && MonitoredPhases.Any(p => m.CurrentAmps[p] > _settings.PlugOutLoadAmps));

    private (ImmutableHashSet<ProtectionWarning>, ImmutableDictionary<ProtectionWarning, DateTimeOffset>, List<ProtectionWarning>, List<ProtectionWarning>) StepWarnings(
        ProtectionState state, ProtectionSnapshot s, DateTimeOffset now)
    {
        var w = _settings.Warnings;
        var temps = new[] { s.Temperatures.RelayCelsius, s.Temperatures.InputTerminalCelsius, s.Temperatures.SocketCelsius }
            .Where(t => !double.IsNaN(t))
            .ToList();
        double? hottest = temps.Count == 0 ? null : temps.Max();
        var volts = s.Meter is { } m
            ? MonitoredPhases.Select(p => m.VoltageVolts[p]).Where(v => _settings.PhaseCount == 1 || v >= _settings.PhaseLossVolts).ToList()
            : [];

        // Each warning: (past the level now, back inside level − hysteresis now); unknown values hold both.
        var judgements = new Dictionary<ProtectionWarning, Judgement>
        {
            [ProtectionWarning.TemperatureLow] = hottest is { } h1 ? Band(h1 >= w.TemperatureLowCelsius, h1 < w.TemperatureLowCelsius - w.HysteresisCelsius) : Judgement.Normal,
            [ProtectionWarning.TemperatureHigh] = hottest is { } h2 ? Band(h2 >= w.TemperatureHighCelsius, h2 < w.TemperatureHighCelsius - w.HysteresisCelsius) : Judgement.Normal,
            [ProtectionWarning.VoltageLow] = volts.Count > 0 ? Band(volts.Min() <= w.EffectiveVoltageLowVolts, volts.Min() > w.EffectiveVoltageLowVolts + w.HysteresisVolts) : Judgement.Between,
            [ProtectionWarning.VoltageHigh] = volts.Count > 0 ? Band(volts.Max() >= w.VoltageHighVolts, volts.Max() < w.VoltageHighVolts - w.HysteresisVolts) : Judgement.Between,
        };

        var active = state.ActiveWarnings;
        var pending = state.WarningPendingSince;
        var raised = new List<ProtectionWarning>();
        var cleared = new List<ProtectionWarning>();
        foreach (var (warning, judgement) in judgements)
        {
            if (active.Contains(warning))
            {
                if (judgement == Judgement.Normal)
                {
                    active = active.Remove(warning);
                    cleared.Add(warning);
                }

                continue;
            }

            if (judgement != Judgement.Trip)
            {
                pending = pending.Remove(warning);
                continue;
            }

            var since = pending.TryGetValue(warning, out var p) ? p : now;
            if (now - since >= w.Hold)
            {
                active = active.Add(warning);
                pending = pending.Remove(warning);
                raised.Add(warning);
            }
            else
            {
                pending = pending.SetItem(warning, since);
            }
        }

        return (active, pending, raised, cleared);
    }

    private static Judgement Band(bool past, bool backInside) => past ? Judgement.Trip : backInside ? Judgement.Normal : Judgement.Between;

    private DateTimeOffset? NextDeadline(ProtectionState state)
    {
        DateTimeOffset? next = null;
        foreach (var rule in _rules)
        {
            var t = state.Trackers[rule.Code];
            DateTimeOffset? due = t switch
            {
                { Active: false, PendingSince: { } p } => p + rule.RaiseHold,
                { Active: true, Latched: false, NormalSince: { } n, ActiveSince: { } a } => Max(n + rule.NormalHold, a + rule.MinimumActive),
                _ => null,
            };
            if (due is { } d && (next is null || d < next))
            {
                next = d;
            }
        }

        foreach (var since in state.WarningPendingSince.Values)
        {
            var d = since + _settings.Warnings.Hold;
            if (next is null || d < next)
            {
                next = d;
            }
        }

        return next;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
