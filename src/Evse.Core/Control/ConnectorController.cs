using Evse.Core.Charging;
using Evse.Core.Limits;
using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Ports;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;
using Evse.Core.Station;
using Microsoft.Extensions.Logging;

namespace Evse.Core.Control;

/// <summary>
/// The imperative shell around <see cref="ConnectorStateMachine"/> for one connector: it alone owns the
/// connector's hardware, feeds events one at a time through the pure decision step and applies the
/// commands. Everything else talks to it by <see cref="Post"/>. Safety does not queue: a residual-current
/// trip opens the contactor in the driver's callback before the event is posted, and a stopping fault opens
/// it before the decision step runs. Nothing that can block (records, log sinks) runs on the loop's thread:
/// the <see cref="RecordWriter"/> does it in order behind it.
/// </summary>
/// <remarks>
/// Parts: <see cref="ConnectorInbox"/> (queue and thread), <see cref="ConnectorProtection"/> (protection
/// plumbing), <see cref="ConnectorLimits"/> (current limit), <see cref="ConnectorRecords"/> (sessions and
/// fault records), <see cref="RecordWriter"/> (the off-loop writer).
/// </remarks>
public sealed partial class ConnectorController : IDisposable
{
    private static readonly TimeSpan WriterDrainTimeout = TimeSpan.FromSeconds(10);

    // One warning per process when SCHED_FIFO is refused: every loop asks and is refused for the same reason.
    private static int s_realTimeRefusalLogged;

    private readonly IConnectorHardware _hardware;
    private readonly ConnectorContext _context;
    private readonly TimeProvider _time;
    private readonly ControlLoopOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectorInbox _inbox = new();
    private readonly RecordWriter _writer;
    private readonly ConnectorProtection _protection;
    private readonly ConnectorLimits _limits;
    private readonly ConnectorRecords _records;
    private readonly Queue<ConnectorEvent> _followUps = new();
    private readonly TaskCompletionSource _bootCompleted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConnectorState _state;
    private ConnectorSnapshot _snapshot;
    private MeterSample? _lastMeter;
    private DateTimeOffset _lastPublishAt;
    private ITimer? _deadlineTimer;
    private ITimer? _selfTestRetryTimer;
    private DateTimeOffset? _armedDeadline;
    private long _lastStepTimestamp;
    private CancellationToken _stopping;

    public ConnectorController(
        ConnectorContext context,
        ConnectorConfiguration configuration,
        TimeProvider time,
        ControlLoopOptions options,
        ILogger<ConnectorController> logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        _hardware = context.Hardware;
        _time = time;
        _options = options;
        _writer = new RecordWriter(context.Stores.Records, context.Stores.Faults, time, logger, options.RecordRetryDelay);
        _logger = new DeferredLogger(logger, _writer);
        _protection = new ConnectorProtection(context, configuration.Protection);
        _limits = new ConnectorLimits(configuration);
        _records = new ConnectorRecords(_hardware.ConnectorId, context.Stores.Records, _writer, options, _logger);
        _state = ConnectorStateMachine.Initial(_hardware.ConnectorId, configuration.Charging, 0);
        _snapshot = new ConnectorSnapshot(_state, null, TemperatureReadings.NotFitted, false, null, [], [], time.GetUtcNow());
        _lastStepTimestamp = time.GetTimestamp();
    }

    public int ConnectorId => _hardware.ConnectorId;

    /// <summary>The state after the latest step. Safe to read from any thread.</summary>
    public ConnectorSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public bool IsRunning { get; private set; }

    /// <summary>
    /// Completes when the loop has taken its first sample and the residual-current monitor has answered its boot self
    /// test, whatever the verdict (a failure shows as a fault, not as booting for ever). The station shows "booting"
    /// until every connector's has completed.
    /// </summary>
    public Task BootCompleted => _bootCompleted.Task;

    /// <summary>Record writes and log lines handed to the writer and not yet done (0 when the books are up to date).</summary>
    public long PendingRecordWrites => _writer.Pending;

    /// <summary>True while the loop runs and has stepped within <see cref="ControlLoopOptions.StallTimeout"/>.</summary>
    public bool IsHealthy(out string reason)
    {
        var quiet = _time.GetElapsedTime(Interlocked.Read(ref _lastStepTimestamp));
        if (!IsRunning)
        {
            reason = $"connector {ConnectorId}: control loop not running";
            return false;
        }

        if (quiet > _options.StallTimeout)
        {
            reason = $"connector {ConnectorId}: control loop has not stepped for {quiet.TotalSeconds:0.0} s";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    /// <summary>Queues an event for the loop. Thread-safe; never blocks.</summary>
    public bool Post(ConnectorEvent connectorEvent)
    {
        _inbox.Post(connectorEvent);
        return true;
    }

    /// <summary>
    /// Sets (or with null amps clears) an external contributor to the current limit: load management, power
    /// management, smart charging, schedule, charge mode. Thread-safe; takes effect on the loop at once.
    /// </summary>
    public bool SetExternalLimit(LimitSource source, LimitContributor? contributor) => Post(new ExternalLimit(source, contributor));

    /// <summary>
    /// Runs the loop until <paramref name="stoppingToken"/> is cancelled, then withdraws power (contactor open,
    /// pilot at +12 V), ends a running session with <paramref name="shutdownReason"/> and writes the records still
    /// queued. The loop has a thread of its own: an event wakes it directly, never waiting for a thread-pool
    /// thread behind HTTP or OCPP work.
    /// </summary>
    public Task RunAsync(StopReason shutdownReason, CancellationToken stoppingToken) =>
        ConnectorInbox.RunOnOwnThread($"connector-{ConnectorId}", () => Run(shutdownReason, stoppingToken));

    /// <summary>
    /// Simulation only: blocks the loop's thread for <paramref name="duration"/>, as a hung driver would, so the
    /// health check and the systemd watchdog can be seen to react. The simulation API is its only caller.
    /// </summary>
    public void SimulateStall(TimeSpan duration) => Post(new Stall(duration));

    /// <summary>Waits until every record handed to the writer so far is written (tests, the bench); false on timeout.</summary>
    public bool WaitForRecords(TimeSpan timeout) => _writer.WaitUntilWritten(timeout);

    /// <summary>Releases the inbox and the writer. Call after the loop has stopped.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _inbox.Dispose();
    }

    private void Run(StopReason shutdownReason, CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        // The writer first: a thread inherits its creator's CPU mask, and the writer (SQLite, fsync) must not run on the
        // loops' reserved CPU.
        _writer.Start($"records-{ConnectorId}");
        UseRealTimeScheduling();
        _hardware.Contactor.Open();
        _hardware.Pilot.Drive(_state.PilotOutput);
        _hardware.PilotSense.ReadingChanged += OnPilotReading;
        _hardware.ResidualCurrent.Tripped += OnResidualCurrentTrip;
        using var sampler = _time.CreateTimer(static s => ((ConnectorController)s!).Post(SampleDue.Instance), this, _options.SampleInterval, _options.SampleInterval);
        IsRunning = true;
        try
        {
            // A first sample before anything else: the limit, the meter and the protections are known from the start.
            Step(SampleDue.Instance);
            Step(new PilotSensed(_hardware.PilotSense.Read(), _hardware.Pilot.Output.Mode));
            if (_hardware.ResidualCurrent.IsTripped)
            {
                Step(new FaultRaised(FaultCode.ResidualCurrent));
            }

            // The residual-current monitor is tested at boot, and again before every contactor close.
            StartSelfTest();

            while (true)
            {
                Step(_inbox.Take(stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        finally
        {
            _hardware.PilotSense.ReadingChanged -= OnPilotReading;
            _hardware.ResidualCurrent.Tripped -= OnResidualCurrentTrip;
            Shutdown(shutdownReason);
            IsRunning = false;
            _deadlineTimer?.Dispose();
            _selfTestRetryTimer?.Dispose();
        }
    }

    private void UseRealTimeScheduling()
    {
        CpuReservation.EnterReservedCpu();
        if (_options.RealTimePriority <= 0)
        {
            return;
        }

        if (LoopThreadScheduling.TryUseRealTime(_options.RealTimePriority, out var errno))
        {
            LogRealTime(_options.RealTimePriority);
        }
        else if (Interlocked.Exchange(ref s_realTimeRefusalLogged, 1) == 0)
        {
            LogRealTimeRefused(_options.RealTimePriority, errno);
        }
    }

    private void Shutdown(StopReason reason)
    {
        // Power first, then the books.
        _hardware.Contactor.Open();
        _hardware.Pilot.Drive(PilotOutput.NoPowerOffered);
        try
        {
            Step(new ShutdownRequested(reason));
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            LogShutdownStepFailed(ex);
        }

        if (!_writer.Stop(WriterDrainTimeout))
        {
            LogWriterBehind(_writer.Pending);
        }
    }

    private void OnPilotReading(object? sender, PilotReading reading) => Post(new PilotSensed(reading, _hardware.Pilot.Output.Mode));

    private void OnResidualCurrentTrip(object? sender, EventArgs e)
    {
        // IEC 61851-1: the supply is cut within 100 ms of a residual current. Do it here, on the driver's
        // thread, before anything queues.
        _hardware.Contactor.Open();
        _protection.NoteResidualTrip();
        Post(new FaultRaised(FaultCode.ResidualCurrent));
    }

    private void Step(ConnectorEvent connectorEvent)
    {
        var now = _time.GetUtcNow();
        Interlocked.Exchange(ref _lastStepTimestamp, _time.GetTimestamp());
        switch (connectorEvent)
        {
            case FaultRaised raised:
                OpenFirst(raised.Code);
                Process(raised, now);
                break;
            case PilotSensed sensed:
                OpenIfEvNotReady(sensed.Reading);
                Process(sensed, now);
                break;
            case SampleDue:
                Sample(now);
                break;
            case DeadlineDue:
                _armedDeadline = null;
                Process(new TimerElapsed(), now);
                break;
            case ExternalLimit external:
                _limits.SetExternal(external.Source, external.Contributor);
                UpdateLimit(_snapshot.Temperatures, now);
                break;
            case SelfTestResult result:
                OnSelfTestResult(result.Passed, now);
                break;
            case Stall stall:
                LogStalled(stall.Duration);
                _stopping.WaitHandle.WaitOne(stall.Duration);
                break;
            default:
                Process(connectorEvent, now);
                break;
        }

        ArmDeadline();
        Volatile.Write(ref _snapshot, _snapshot with { State = _state, Meter = _lastMeter, ContactorFeedbackClosed = _hardware.Contactor.FeedbackClosed, Limit = _limits.Current, Warnings = _protection.ActiveWarnings, LatchedFaults = _protection.Latched(), At = now });
    }

    /// <summary>
    /// The safety path of a posted fault, ahead of the decision step and without allocating: a new fault that
    /// stops charging opens the contactor and drives state F now. The step that follows decides the same
    /// (<see cref="ConnectorStateMachine"/> opens and holds F for every new stopping fault) and books it.
    /// </summary>
    private void OpenFirst(FaultCode code)
    {
        if (_state.ActiveFaults.Contains(code) || !FaultCatalog.Describe(code).StopsCharging)
        {
            return;
        }

        _hardware.Contactor.Open();
        _hardware.Pilot.Drive(PilotOutput.StateF);
    }

    /// <summary>
    /// The safety path of a pilot edge, ahead of the decision step and without allocating: the contactor stays closed
    /// only while the EV says C or D, so any other reading opens it now. The step that follows decides the same
    /// (<see cref="ConnectorStateMachine"/> wants the contactor closed only in C or D) and books it.
    /// </summary>
    private void OpenIfEvNotReady(PilotReading reading)
    {
        if (_state.ContactorClosed && PilotClassifier.Classify(reading) is not (PilotState.C or PilotState.D))
        {
            _hardware.Contactor.Open();
        }
    }

    /// <summary>Runs one event, and the events its commands answer at once (a stored record), through the decision step.</summary>
    private void Process(ConnectorEvent connectorEvent, DateTimeOffset now)
    {
        _followUps.Enqueue(connectorEvent);
        while (_followUps.TryDequeue(out var next))
        {
            var before = _state;
            var decision = ConnectorStateMachine.Decide(before, next, now);
            _state = decision.State;
            _protection.NoteStep(before, _state);
            foreach (var command in decision.Commands)
            {
                Apply(command, before, now);
            }

            // Subscribers (the station's LED among them) read the snapshot: publish it before the events.
            Volatile.Write(ref _snapshot, _snapshot with { State = _state, ContactorFeedbackClosed = _hardware.Contactor.FeedbackClosed, At = now });
            _records.FaultsChanged(before, _state, now);
            PublishStatus(before, _state, now);
        }
    }

    private void Sample(DateTimeOffset now)
    {
        var temperatures = _hardware.Temperatures.Read();
        _snapshot = _snapshot with { Temperatures = temperatures };
        var meterAnswered = _hardware.Meter.TryRead(out var sample);
        if (meterAnswered)
        {
            _lastMeter = sample;
            Process(new MeterSampled(sample), now);
        }

        Protect(meterAnswered ? sample : null, temperatures, now);
        UpdateLimit(temperatures, now);
        _records.RecordProgressIfDue(_state, now);

        if (_lastMeter is { } meter && now - _lastPublishAt >= _options.PublishInterval)
        {
            _context.Events.Publish(new ConnectorMetered(ConnectorId, now, _state.Session?.RecordId, meter, temperatures, _state.OfferedAmps));
            _lastPublishAt = now;
        }
    }

    /// <summary>Runs the protections on this sample. A trip opens the contactor here, before the decision step runs.</summary>
    private void Protect(MeterSample? meter, TemperatureReadings temperatures, DateTimeOffset now)
    {
        var result = _protection.Evaluate(_state, meter, temperatures, now);
        if (!result.Changed)
        {
            return;
        }

        foreach (var notice in result.Raised)
        {
            if (notice.Descriptor.StopsCharging)
            {
                _hardware.Contactor.Open();
            }

            _records.NoteDetail(notice.Code, notice.ToString());
            Process(new FaultRaised(notice.Code), now);
        }

        foreach (var code in result.Cleared)
        {
            Process(new FaultCleared(code), now);
        }

        foreach (var warning in result.WarningsRaised)
        {
            LogWarningRaised(warning);
        }

        foreach (var warning in result.WarningsCleared)
        {
            LogWarningCleared(warning);
        }
    }

    /// <summary>Recomputes the offered current from every contributor and tells the state machine when it moved.</summary>
    private void UpdateLimit(TemperatureReadings temperatures, DateTimeOffset now)
    {
        var proximityOhms = _state.Pilot == PilotState.A ? null : _hardware.ProximityPilot?.ReadResistanceOhms();
        if (_limits.Recalculate(temperatures, proximityOhms))
        {
            LogLimit(_limits.Current!);
        }

        if (_limits.Current!.LimitAmps != _state.LimitAmps)
        {
            Process(new LimitChanged(_limits.Current.LimitAmps), now);
        }
    }

    private void OnSelfTestResult(bool passed, DateTimeOffset now)
    {
        OnSelfTestVerdict(passed, now);
        _bootCompleted.TrySetResult();
    }

    private void OnSelfTestVerdict(bool passed, DateTimeOffset now)
    {
        var verdict = _protection.ReportSelfTest(passed, now);
        if (verdict.Passed)
        {
            Process(new SelfTestCompleted(true), now);
        }
        else if (verdict.RetryAt is { } retryAt)
        {
            // One failure can be a disturbance: keep the contactor open and test again (SelfTestPolicy).
            LogSelfTestRetry(retryAt);
            _selfTestRetryTimer?.Dispose();
            _selfTestRetryTimer = _time.CreateTimer(static s => ((ConnectorController)s!).StartSelfTest(), this, retryAt - now, Timeout.InfiniteTimeSpan);
        }
        else
        {
            if (verdict.Raised is { } notice)
            {
                _records.NoteDetail(notice.Code, notice.ToString());
            }

            // Before a close the state machine waits for the answer; the boot test has nobody waiting for it.
            Process(_state.SelfTestRunning ? new SelfTestCompleted(false) : new FaultRaised(FaultCode.SelfTestFailed), now);
        }
    }

    private void Apply(ConnectorCommand command, ConnectorState before, DateTimeOffset now)
    {
        switch (command)
        {
            case OpenContactor:
                _hardware.Contactor.Open();
                break;
            case CloseContactor:
                _hardware.Contactor.Close();
                _protection.NoteContactorClosed(now);
                break;
            case SetPilot p:
                _hardware.Pilot.Drive(p.Output);
                break;
            case RunSelfTest:
                StartSelfTest();
                break;
            case RequestAuthorization a:
                _ = AuthorizeAsync(a.IdTag);
                break;
            case BeginSession b:
                var recordId = _records.BeginSession(b, now);
                LogSessionStarted(recordId, b.IdTag, b.MeterStartWh);
                _context.Events.Publish(new SessionStarted(ConnectorId, now, recordId, b.IdTag, b.MeterStartWh));
                _followUps.Enqueue(new SessionRecorded(recordId));
                break;
            case EndSession e:
                _protection.NoteSessionEnded();
                _records.EndSession(e);
                LogSessionEnded(e.RecordId, e.Reason, e.MeterStopWh);
                _context.Events.Publish(new SessionEnded(ConnectorId, now, e.RecordId, before.Session?.IdTag ?? string.Empty, e.MeterStopWh, e.Reason));
                break;
            case Beep beep:
                _context.Buzzer.Play(beep.Pattern);
                break;
            case LockSocket:
                _protection.NoteLockCommanded(SocketLockState.Locked);
                _hardware.SocketLock?.RequestLock();
                break;
            case UnlockSocket:
                _protection.NoteLockCommanded(SocketLockState.Unlocked);
                _hardware.SocketLock?.RequestUnlock();
                break;
            default:
                throw new InvalidOperationException($"No handler for {command}.");
        }
    }

    private void PublishStatus(ConnectorState before, ConnectorState after, DateTimeOffset now)
    {
        if (before.Status != after.Status || before.ErrorCode != after.ErrorCode)
        {
            LogStatusChanged(before.Status, after.Status, after.ErrorCode);
            var info = after.ActiveFaults.Count == 0 ? null : FaultCatalog.Describe(after.ActiveFaults.Min()).Description;
            _context.Events.Publish(new ConnectorStatusChanged(ConnectorId, now, after.Status, after.ErrorCode, info));
        }
    }

    private void ArmDeadline()
    {
        var deadline = _state.NextDeadline;
        if (deadline == _armedDeadline)
        {
            return;
        }

        _armedDeadline = deadline;
        if (deadline is not { } due)
        {
            _deadlineTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var delay = due - _time.GetUtcNow();
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        _deadlineTimer ??= _time.CreateTimer(static s => ((ConnectorController)s!).Post(DeadlineDue.Instance), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _deadlineTimer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void StartSelfTest() => _ = RunSelfTestAsync();

    private async Task RunSelfTestAsync()
    {
        bool passed;
        try
        {
            passed = await _hardware.ResidualCurrent.RunSelfTestAsync(_stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSelfTestError(ex);
            passed = false;
        }

        Post(new SelfTestResult(passed));
    }

    private async Task AuthorizeAsync(string idTag)
    {
        AuthorizationOutcome outcome;
        using var timeout = new CancellationTokenSource(_options.AuthorizeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping);
        try
        {
            outcome = await _context.Authorizer.AuthorizeAsync(ConnectorId, idTag, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Authorize Timeout is offline in all but name: the offline rules decide (issue #3), not a flat refusal.
            outcome = _context.Authorizer.DecideAfterTimeout(ConnectorId, idTag);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAuthorizationError(ex, idTag);
            outcome = new AuthorizationOutcome(AuthorizationStatus.Invalid, "Error");
        }

        LogAuthorized(idTag, outcome.Status, outcome.Source);
        Post(new AuthorizationCompleted(idTag, outcome.Accepted, outcome.ParentIdTag));
    }

    /// <summary>Internal tick: sample meter and temperatures.</summary>
    private sealed record SampleDue : ConnectorEvent
    {
        public static readonly SampleDue Instance = new();
    }

    /// <summary>Internal: an external limit contributor changed.</summary>
    private sealed record ExternalLimit(LimitSource Source, LimitContributor? Contributor) : ConnectorEvent;

    /// <summary>Internal: a self test finished; the policy decides before the state machine hears of it.</summary>
    private sealed record SelfTestResult(bool Passed) : ConnectorEvent;

    /// <summary>Internal: simulate a hung loop (see <see cref="SimulateStall"/>).</summary>
    private sealed record Stall(TimeSpan Duration) : ConnectorEvent;

    /// <summary>Internal tick: the state's next deadline has passed.</summary>
    private sealed record DeadlineDue : ConnectorEvent
    {
        public static readonly DeadlineDue Instance = new();
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Connector status {From} -> {To} ({ErrorCode})")]
    private partial void LogStatusChanged(ChargePointStatus from, ChargePointStatus to, ChargePointErrorCode errorCode);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Session {RecordId} started by {IdTag} at {MeterStartWh} Wh")]
    private partial void LogSessionStarted(long recordId, string idTag, double meterStartWh);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Session {RecordId} ended ({Reason}) at {MeterStopWh} Wh")]
    private partial void LogSessionEnded(long recordId, StopReason reason, double meterStopWh);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Authorization of {IdTag}: {Status} ({Source})")]
    private partial void LogAuthorized(string idTag, AuthorizationStatus status, string source);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "Authorization of {IdTag} failed")]
    private partial void LogAuthorizationError(Exception ex, string idTag);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Error, Message = "Residual current self test failed with an error")]
    private partial void LogSelfTestError(Exception ex);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Error, Message = "Final shutdown step failed; power was withdrawn before it")]
    private partial void LogShutdownStepFailed(Exception ex);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Information, Message = "Current limit: {Why}")]
    private partial void LogLimit(CurrentLimitResult why);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Station warning {Warning}")]
    private partial void LogWarningRaised(ProtectionWarning warning);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Station warning {Warning} cleared")]
    private partial void LogWarningCleared(ProtectionWarning warning);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Residual current self test failed; testing again at {RetryAt}")]
    private partial void LogSelfTestRetry(DateTimeOffset retryAt);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "Simulated stall: the control loop hangs for {Duration}")]
    private partial void LogStalled(TimeSpan duration);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Information, Message = "Control loop thread runs SCHED_FIFO at priority {Priority}")]
    private partial void LogRealTime(int priority);

    [LoggerMessage(EventId = 1116, Level = LogLevel.Warning, Message = "Control loop threads could not get SCHED_FIFO priority {Priority} (errno {Errno}; 1 = EPERM: the service needs LimitRTPRIO at least that high, or CAP_SYS_NICE, and no RestrictRealtime=yes); the loops run as ordinary threads, so a trip can wait milliseconds behind HTTP, OCPP and GC work")]
    private partial void LogRealTimeRefused(int priority, int errno);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Critical, Message = "Shutdown: {Pending} record writes were still queued when the writer gave up waiting")]
    private partial void LogWriterBehind(long pending);
}
