using Evse.Core.Charging;
using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Control;

/// <summary>
/// The loop's side of the protections: gathers a <see cref="ProtectionSnapshot"/> from the hardware and the
/// loop's own memory (session start, unplug under load, commanded lock, a trip pulse seen between samples),
/// runs <see cref="ProtectionMonitor"/> and keeps its state. Applying the result (open first) is the loop's job.
/// </summary>
internal sealed class ConnectorProtection
{
    private static readonly TimeSpan SessionStartWindow = TimeSpan.FromSeconds(2);

    private readonly ConnectorContext _context;
    private readonly IConnectorHardware _hardware;
    private readonly ProtectionMonitor _monitor;
    private ProtectionState _state = ProtectionMonitor.Initial();
    private DateTimeOffset? _sessionFirstCloseAt;
    private SocketLockState _lockCommanded = SocketLockState.Unlocked;
    private bool _unpluggedUnderLoad;
    private bool _residualTripSeen;
    private ProtectionState? _latchedOf;
    private FaultCode[] _latched = [];

    public ConnectorProtection(ConnectorContext context, ProtectionSettings settings)
    {
        _context = context;
        _hardware = context.Hardware;

        // The state machine judges the pilot itself (CpVoltageAbnormal, diode); the monitor would only repeat it.
        _monitor = new ProtectionMonitor(settings with { JudgePilot = false });
    }

    public IReadOnlyCollection<ProtectionWarning> ActiveWarnings => _state.ActiveWarnings;

    /// <summary>From the driver's thread: a trip pulse shorter than a sample still counts at the next one.</summary>
    public void NoteResidualTrip() => Volatile.Write(ref _residualTripSeen, true);

    /// <summary>After every decision step: an EV that left C or D for A while the contactor was closed.</summary>
    public void NoteStep(ConnectorState before, ConnectorState after) =>
        _unpluggedUnderLoad |= before.ContactorClosed && before.Pilot is PilotState.C or PilotState.D && after.Pilot == PilotState.A;

    public void NoteContactorClosed(DateTimeOffset now) => _sessionFirstCloseAt ??= now;

    public void NoteSessionEnded() => _sessionFirstCloseAt = null;

    public void NoteLockCommanded(SocketLockState commanded) => _lockCommanded = commanded;

    public ProtectionResult Evaluate(ConnectorState state, MeterSample? meter, TemperatureReadings temperatures, DateTimeOffset now)
    {
        var watch = _context.StationWatch;
        var snapshot = new ProtectionSnapshot
        {
            Meter = meter,
            OfferedAmps = state.OfferedAmps,
            Temperatures = temperatures,
            Supply = _context.Supply.Read(),
            ContactorCommandedClosed = _hardware.Contactor.IsCommandedClosed,
            ContactorFeedbackClosed = _hardware.Contactor.FeedbackClosed,
            ResidualCurrentTripped = _hardware.ResidualCurrent.IsTripped || Interlocked.Exchange(ref _residualTripSeen, false),
            Pilot = state.Pilot,
            DrivingStateF = state.PilotOutput.Mode == PilotOutputMode.SteadyNegative,
            SessionJustStarted = _sessionFirstCloseAt is { } firstClose && now - firstClose <= SessionStartWindow,
            UnpluggedUnderLoad = _unpluggedUnderLoad,
            LockCommanded = _hardware.SocketLock is null ? null : _lockCommanded,
            LockFeedback = _hardware.SocketLock?.State ?? SocketLockState.Unknown,
            ProximityOhms = _hardware.ProximityPilot?.ReadResistanceOhms(),
            CardReaderOnline = watch?.CardReader.IsOnline,
            GridMeterInstalled = watch?.GridMeterInstalled ?? false,
            GridMeterSampleAt = watch?.LastGridSampleAt(),
        };

        var result = _monitor.Evaluate(_state, snapshot, now);
        _state = result.State;
        _unpluggedUnderLoad = false;
        return result;
    }

    public SelfTestVerdict ReportSelfTest(bool passed, DateTimeOffset now)
    {
        var verdict = ProtectionMonitor.ReportSelfTest(_state, passed, now);
        _state = verdict.State;
        return verdict;
    }

    /// <summary>The latched faults; recomputed only when the protection state has changed, so most steps do not allocate here.</summary>
    public FaultCode[] Latched()
    {
        if (!ReferenceEquals(_latchedOf, _state))
        {
            _latched = [.. _state.Trackers.Values.Where(t => t is { Active: true, Latched: true }).Select(t => t.Code)];
            _latchedOf = _state;
        }

        return _latched;
    }
}
