using Evse.Core.Pilot;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Protection;

/// <summary>
/// An independent model of what <see cref="ProtectionMonitor"/> must do for every fault code it judges, written from
/// REQUIREMENTS §3 and seed 004 §15 (numbers typed here, not read from <see cref="ProtectionSettings"/>): a fault
/// trips once its trip condition has stood on every sample for its hold; it recovers once its normal condition has
/// stood for its normal hold and it has been active for its minimum time; a restartable fault that has recovered
/// 3 times since the last unplug trips the 4th time latched ("give up"); hard faults always latch; an unplug (pilot
/// to A) resets the restart count and releases the latch of the faults an unplug clears. Neither trip nor normal
/// (a hysteresis band, no reading) restarts both holds.
/// </summary>
internal sealed class MonitorModel
{
    public const int MaxRestarts = 3;

    /// <summary>Every code the monitor judges from snapshots; DiodeFailure, SelfTestFailed and PowerFailure are not among them.</summary>
    public static readonly IReadOnlyList<Row> Rows = BuildRows();

    private readonly Dictionary<FaultCode, Track> _tracks = Rows.ToDictionary(r => r.Code, _ => new Track());
    private PilotState _lastPilot = PilotState.A;

    public enum Verdict
    {
        Normal,
        Between,
        Trip,
    }

    /// <summary>One fault code's rule. Times in seconds.</summary>
    internal sealed record Row(
        FaultCode Code,
        Func<MonitorWorld, DateTimeOffset, Verdict> Judge,
        double HoldSeconds,
        double NormalHoldSeconds = 0,
        double MinimumActiveSeconds = 0,
        bool Restarts = false,
        bool UnplugReleases = false,
        bool AlwaysLatched = false);

    internal sealed class Track
    {
        public bool Active { get; set; }

        public bool Latched { get; set; }

        public DateTimeOffset? TripSince { get; set; }

        public DateTimeOffset? NormalSince { get; set; }

        public DateTimeOffset ActiveSince { get; set; }

        public int Recoveries { get; set; }
    }

    /// <summary>What happened to each code in this step, for coverage.</summary>
    public List<(FaultCode Code, string What)> Events { get; } = [];

    public Track Of(FaultCode code) => _tracks[code];

    public void Step(MonitorWorld world, DateTimeOffset now)
    {
        Events.Clear();
        var unplugged = world.Pilot == PilotState.A && _lastPilot != PilotState.A;
        _lastPilot = world.Pilot;
        foreach (var row in Rows)
        {
            var t = _tracks[row.Code];
            var verdict = row.Judge(world, now);
            if (unplugged)
            {
                t.Recoveries = 0;
                if (t is { Active: true, Latched: true } && row.UnplugReleases && verdict != Verdict.Trip)
                {
                    Release(t);
                    Events.Add((row.Code, "released by unplug"));
                    continue;
                }
            }

            if (!t.Active)
            {
                t.TripSince = verdict == Verdict.Trip ? t.TripSince ?? now : null;
                if (t.TripSince is { } since && (now - since).TotalSeconds >= row.HoldSeconds)
                {
                    var gaveUp = row.Restarts && t.Recoveries >= MaxRestarts;
                    t.Active = true;
                    t.Latched = row.AlwaysLatched || gaveUp || (row.Code == FaultCode.ResidualCurrent && world.SessionJustStarted);
                    t.ActiveSince = now;
                    t.TripSince = null;
                    t.NormalSince = null;
                    Events.Add((row.Code, gaveUp ? "gave up" : "tripped"));
                }

                continue;
            }

            t.NormalSince = verdict == Verdict.Normal ? t.NormalSince ?? now : null;
            if (!t.Latched && t.NormalSince is { } normal
                && (now - normal).TotalSeconds >= row.NormalHoldSeconds
                && (now - t.ActiveSince).TotalSeconds >= row.MinimumActiveSeconds)
            {
                Release(t);
                t.Recoveries += row.Restarts ? 1 : 0;
                Events.Add((row.Code, "recovered"));
            }
        }
    }

    private static void Release(Track t)
    {
        t.Active = false;
        t.Latched = false;
        t.TripSince = null;
        t.NormalSince = null;
    }

    private static Verdict Band(bool trip, bool normal) => trip ? Verdict.Trip : normal ? Verdict.Normal : Verdict.Between;

    /// <summary>The voltages judged: 1 phase as it is; 3 phases line-to-line (√3 ×), a phase under 100 V left to phase loss.</summary>
    private static double[] Judged(MonitorWorld w) =>
        w.ThreePhase ? new[] { w.Volts, w.L2Volts, w.Volts }.Where(v => v >= 100).Select(v => v * Math.Sqrt(3)).ToArray() : [w.Volts];

    private static bool LoadFlowing(MonitorWorld w) => w.Feedback || (!w.MeterSilent && w.Amps > 1);

    private static List<Row> BuildRows()
    {
        return
        [
            new(FaultCode.OverVoltage, (w, _) => w.MeterSilent || Judged(w).Length == 0 ? Verdict.Between
                : Band(Judged(w).Max() > (w.ThreePhase ? 460 : 276), Judged(w).All(v => v < (w.ThreePhase ? 450 : 254))), 5),
            new(FaultCode.UnderVoltage, (w, _) => w.MeterSilent || Judged(w).Length == 0 ? Verdict.Between
                : Band(Judged(w).Min() < (w.ThreePhase ? 340 : 154), Judged(w).All(v => v > (w.ThreePhase ? 350 : 164))), 5),
            new(FaultCode.OverCurrent, (w, _) => !w.Commanded || w.OfferedAmps < 6 ? Verdict.Normal
                : w.MeterSilent ? Verdict.Between
                : w.Amps > 1.1 * w.OfferedAmps ? Verdict.Trip : Verdict.Normal, 5, NormalHoldSeconds: 30, Restarts: true, UnplugReleases: true),
            new(FaultCode.ResidualCurrent, (w, _) => w.Rcd ? Verdict.Trip : Verdict.Normal, 0, MinimumActiveSeconds: 15 * 60, Restarts: true),
            new(FaultCode.RelayOverTemperature, (w, _) => Band(w.RelayCelsius > 125, w.RelayCelsius <= 105), 0),
            new(FaultCode.InputOverTemperature, (w, _) => Band(w.InputCelsius > 115, w.InputCelsius <= 95), 0),
            new(FaultCode.SocketOverTemperature, (w, _) => Band(w.SocketCelsius > 115, w.SocketCelsius <= 95), 0),
            new(FaultCode.CpVoltageAbnormal, (w, _) => Band(w.Pilot is PilotState.E or PilotState.F && !w.DrivingF, w.Pilot == PilotState.A), 0),
            new(FaultCode.RelayWelded, (w, _) => !w.Commanded && w.Feedback ? Verdict.Trip : Verdict.Normal, 1, AlwaysLatched: true),
            new(FaultCode.ChargingCircuitAbnormal, (w, _) => w.Commanded && !w.Feedback ? Verdict.Trip : Verdict.Normal, 1,
                MinimumActiveSeconds: 10, Restarts: true, UnplugReleases: true),
            new(FaultCode.GroundFault, (w, _) => w.GroundOk ? Verdict.Normal : Verdict.Trip, 1, NormalHoldSeconds: 5),
            new(FaultCode.LnReversed, (w, _) => w.PolarityOk ? Verdict.Normal : Verdict.Trip, 1, NormalHoldSeconds: 5),
            new(FaultCode.PhaseLoss, (w, _) => !w.ThreePhase ? Verdict.Normal : w.MeterSilent ? Verdict.Between
                : Band(Math.Min(w.Volts, w.L2Volts) < 100, Math.Min(w.Volts, w.L2Volts) >= 150), 1, NormalHoldSeconds: 5),
            new(FaultCode.MeteringFailure, (w, _) => w.MeterSilent ? Verdict.Trip : Verdict.Normal, 3, NormalHoldSeconds: 10),
            new(FaultCode.MeteringCommunicationFailure, (w, now) => w.GridInstalled && (w.GridSampleAt is not { } at || (now - at).TotalSeconds > 10)
                ? Verdict.Trip : Verdict.Normal, 0),
            new(FaultCode.CardReaderOffline, (w, _) => w.CardReaderOnline == false ? Verdict.Trip : Verdict.Normal, 5),
            new(FaultCode.LockFailure, (w, _) => w.LockCommanded is { } wanted && w.LockFeedback != wanted ? Verdict.Trip : Verdict.Normal, 5),
            new(FaultCode.ProximityPilotError, (w, _) => w.Proximity is { } ohms && (ohms < 60 || ohms > 4500) ? Verdict.Trip : Verdict.Normal, 1),
            new(FaultCode.PlugOutWithLoad, (w, _) => w.Pilot == PilotState.A && (LoadFlowing(w) || w.UnpluggedUnderLoad) ? Verdict.Trip
                : LoadFlowing(w) ? Verdict.Between : Verdict.Normal, 0, MinimumActiveSeconds: 10),
            new(FaultCode.ProtectiveEarthLeakage, (w, _) => w.PeLeakage >= 30 ? Verdict.Trip : Verdict.Normal, 1, NormalHoldSeconds: 5, Restarts: true),
            new(FaultCode.VehicleLeakage, (w, _) => w.VehicleLeakage ? Verdict.Trip : Verdict.Normal, 0, UnplugReleases: true, AlwaysLatched: true),
        ];
    }
}
