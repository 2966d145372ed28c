using Evse.Core.Charging;
using Evse.Core.Limits;
using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;
using Evse.Core.Scheduling;

namespace Evse.Core.Tests.Safety;

/// <summary>
/// One connector built from the real pure pieces, wired the way <c>ConnectorController</c> wires them:
/// <see cref="ProtectionMonitor"/> on a 100 ms sample grid (a stopping trip opens the contactor before the decision
/// step runs), <see cref="CurrentLimitCalculator"/> with the schedule contributor of
/// <see cref="ColdLoadPickup"/> and <see cref="HoursOfOperation"/> (the tighter of the two, as ScheduleWorker does)
/// and a load-management grant, and <see cref="ConnectorStateMachine.Decide"/>. Pilot readings, a residual-current
/// trip edge, cards and remote commands are handled when they happen, as the loop handles posted events.
/// </summary>
/// <remarks>
/// Time is fake and jumps. The rig samples only at the grid points where a sample can change something: the
/// snapshot differs from the last one sampled, or a hold, recovery or cold-load deadline has come. Between those
/// the pure monitor would return the same answer, and skipping them keeps 100,000 sequences within a CI budget.
/// The safety model adds its own checkpoints so it looks at every moment a 100 ms bound runs out.
/// </remarks>
internal sealed class SafetyRig
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan SelfTestDuration = TimeSpan.FromMilliseconds(50);
    public static readonly IReadOnlyList<string> AcceptedCards = ["04A1B2C3D4"];

    private static readonly HoursOfOperation ClosedAllWeek = new(Enumerable.Repeat(DayHours.ClosedAllDay, 7).ToArray());

    private readonly ProtectionMonitor _monitor;
    private readonly ConnectorSettings _settings;
    private readonly Queue<ConnectorEvent> _followUps = new();
    private ConnectorState _state = null!;
    private ProtectionState _protection = null!;
    private ProtectionSnapshot? _lastSampled;
    private DateTimeOffset? _protectionDeadline;
    private DateTimeOffset? _selfTestAnswerAt;
    private DateTimeOffset? _coldHoldUntil;
    private LimitContributor? _appliedSchedule;
    private PilotReading? _lastLine;
    private bool _residualSeen;
    private bool _unpluggedUnderLoad;
    private long _nextRecordId = 1;

    public SafetyRig(SafetyModel model, string? freeVendId, ProtectionSettings? protection = null)
    {
        Model = model;
        _settings = ConnectorSettings.Default with { PlugAndChargeId = freeVendId };
        _monitor = new ProtectionMonitor((protection ?? ProtectionSettings.ForPhases(1)) with { JudgePilot = false });
        Boot();
    }

    public SafetyModel Model { get; }

    public RigWorld World { get; } = new();

    public DateTimeOffset Now { get; private set; } = Start;

    /// <summary>The contactor as the hardware has it.</summary>
    public bool ContactorClosed { get; private set; }

    /// <summary>True once the contactor has closed in this rig's life (the sequence reached charging).</summary>
    public bool EverClosed { get; private set; }

    public ConnectorState State => _state;

    /// <summary>Applies one input, lets the rig react, and returns the first safety violation the model sees, or null.</summary>
    public string? Apply(RigInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Model.OnInput(input);
        switch (input)
        {
            case RigInput.Pilot p:
                World.PilotVolts = p.Volts;
                World.Diode = p.Diode;
                SenseLine();
                break;
            case RigInput.Meter m:
                World.SupplyVolts = m.Volts;
                World.DrawAmps = m.DrawAmps;
                break;
            case RigInput.MeterSilent m:
                World.MeterSilent = m.Silent;
                break;
            case RigInput.ResidualCurrent r:
                if (r.Tripped && !World.ResidualTripped)
                {
                    // As the driver's trip callback does: open at once, then tell the loop.
                    OpenContactor();
                    _residualSeen = true;
                    Process(new FaultRaised(FaultCode.ResidualCurrent));
                }

                World.ResidualTripped = r.Tripped;
                break;
            case RigInput.Temperatures t:
                World.RelayCelsius = t.RelayCelsius;
                World.InputCelsius = t.InputCelsius;
                World.SocketCelsius = t.SocketCelsius;
                UpdateLimit();
                break;
            case RigInput.Supply s:
                World.GroundOk = s.GroundOk;
                World.PolarityOk = s.PolarityOk;
                break;
            case RigInput.Card c:
                Process(new IdTagPresented(c.IdTag));
                break;
            case RigInput.RemoteStart r:
                Process(new StartRequested(r.IdTag));
                break;
            case RigInput.RemoteStop:
                Process(new StopRequested(StopReason.Remote));
                break;
            case RigInput.Shutdown:
                Process(new ShutdownRequested(StopReason.Reboot));
                break;
            case RigInput.LoadLimit l:
                World.LoadLimitAmps = l.Amps;
                UpdateLimit();
                break;
            case RigInput.HoursClosed h:
                World.HoursClosed = h.Closed;
                UpdateSchedule();
                break;
            case RigInput.PowerFailureBoot b:
                _coldHoldUntil = ColdLoadPickup.HoldUntil(BootCause.PowerFailure, Now, ColdLoadPickup.DefaultMaxDelay, new Random(b.Seed));
                Model.OnBoot(Now, _coldHoldUntil);
                Boot();
                break;
            case RigInput.SelfTestOutcome o:
                World.SelfTestPasses = o.Passes;
                break;
            case RigInput.Wait w:
                return Advance(w.Duration);
        }

        return Look();
    }

    private void Boot()
    {
        OpenContactor();
        _state = ConnectorStateMachine.Initial(1, _settings, 0);
        _protection = ProtectionMonitor.Initial();
        _lastSampled = null;
        _protectionDeadline = null;
        _selfTestAnswerAt = null;
        _appliedSchedule = null;
        _lastLine = null;
        _residualSeen = false;
        _unpluggedUnderLoad = false;
        _followUps.Clear();
        UpdateSchedule();
        UpdateLimit();
        SenseLine();
    }

    private string? Look()
    {
        Model.Observe(World, ContactorClosed, _state.PilotOutput, Now);
        return Model.Violation(World, ContactorClosed, _state.PilotOutput, Now);
    }

    private string? Advance(TimeSpan duration)
    {
        var end = Now + duration;
        while (true)
        {
            var nextGrid = NextGridAfter(Now);
            var sampleDue = BuildSnapshot() != _lastSampled ? nextGrid : (DateTimeOffset?)null;
            sampleDue = Earliest(sampleDue, AlignUp(_protectionDeadline), AlignUp(_coldHoldUntil > Now ? _coldHoldUntil : null));
            var wake = Earliest(sampleDue, _selfTestAnswerAt, _state.NextDeadline, Model.NextCheckpoint(Now));
            if (wake is not { } at || at > end)
            {
                Now = end;
                return Look();
            }

            Now = at > Now ? at : Now;
            if (_selfTestAnswerAt is { } answerAt && answerAt <= Now)
            {
                _selfTestAnswerAt = null;
                Model.OnSelfTestAnswered(World.SelfTestPasses);
                Process(new SelfTestCompleted(World.SelfTestPasses));
            }

            if (_state.NextDeadline is { } deadline && deadline <= Now)
            {
                Process(new TimerElapsed());
            }

            if (sampleDue is { } s && s <= Now)
            {
                Sample();
            }

            if (Look() is { } violation)
            {
                return violation;
            }
        }
    }

    private void Sample()
    {
        var snapshot = BuildSnapshot();
        if (snapshot.Meter is { } meter)
        {
            Process(new MeterSampled(meter));
        }

        var result = _monitor.Evaluate(_protection, snapshot, Now);
        _protection = result.State;
        _protectionDeadline = result.NextDeadline;
        _residualSeen = false;
        _unpluggedUnderLoad = false;
        foreach (var notice in result.Raised)
        {
            if (notice.Descriptor.StopsCharging)
            {
                OpenContactor();
            }

            Process(new FaultRaised(notice.Code));
        }

        foreach (var code in result.Cleared)
        {
            Process(new FaultCleared(code));
        }

        UpdateSchedule();
        UpdateLimit();

        // What the monitor saw, not what stands after this step: a step that changes the snapshot (a restart that
        // closes the contactor onto a load) must be sampled again at the next grid point, as the loop's 10 Hz would.
        _lastSampled = snapshot;
    }

    private ProtectionSnapshot BuildSnapshot() => new()
    {
        Meter = World.MeterSilent ? null : new MeterSample(
            PhaseValues.OnePhase(World.SupplyVolts),
            PhaseValues.OnePhase(ContactorClosed ? World.DrawAmps : 0),
            PhaseValues.OnePhase(ContactorClosed ? World.DrawAmps * World.SupplyVolts : 0),
            1000,
            50),
        OfferedAmps = _state.OfferedAmps,
        Temperatures = new TemperatureReadings(World.RelayCelsius, World.InputCelsius, World.SocketCelsius),
        Supply = new SupplyCheck(World.GroundOk, World.PolarityOk),
        ContactorCommandedClosed = ContactorClosed,
        ContactorFeedbackClosed = ContactorClosed,
        ResidualCurrentTripped = World.ResidualTripped || _residualSeen,
        Pilot = _state.Pilot,
        DrivingStateF = _state.PilotOutput.Mode == PilotOutputMode.SteadyNegative,
        UnpluggedUnderLoad = _unpluggedUnderLoad,
    };

    private void UpdateSchedule()
    {
        var cold = ColdLoadPickup.Limit(_coldHoldUntil, Now);
        var hours = World.HoursClosed ? ClosedAllWeek.Limit(Now, TimeZoneInfo.Utc) : null;
        var schedule = cold is null ? hours : hours is null ? cold : cold.Amps <= hours.Amps ? cold : hours;
        if (schedule != _appliedSchedule)
        {
            _appliedSchedule = schedule;
            UpdateLimit();
        }
    }

    private void UpdateLimit()
    {
        var limit = CurrentLimitCalculator.Calculate(
            new CurrentLimitInputs
            {
                FirmwareSettingAmps = SafetyModel.RatedAmps,
                ConnectorRatingAmps = SafetyModel.RatedAmps,
                Temperatures = new TemperatureReadings(World.RelayCelsius, World.InputCelsius, World.SocketCelsius),
                LoadManagement = World.LoadLimitAmps is { } amps ? new LimitContributor(LimitSource.LoadManagement, amps, "grant") : null,
                Schedule = _appliedSchedule,
            },
            _monitor.Settings);
        if (limit.LimitAmps != _state.LimitAmps)
        {
            Process(new LimitChanged(limit.LimitAmps));
        }
    }

    /// <summary>What the pilot sense reads now: our −12 V in state F, else the vehicle's level (and its diode under PWM).</summary>
    private void SenseLine()
    {
        var output = _state.PilotOutput;
        var reading = output.Mode switch
        {
            PilotOutputMode.SteadyNegative => new PilotReading(-12, -12),
            PilotOutputMode.Pwm => new PilotReading(World.PilotVolts, World.Diode ? -12 : -World.PilotVolts),
            _ => new PilotReading(World.PilotVolts, World.PilotVolts),
        };
        if (reading != _lastLine)
        {
            _lastLine = reading;
            Process(new PilotSensed(reading, output.Mode));
        }
    }

    private void Process(ConnectorEvent connectorEvent)
    {
        _followUps.Enqueue(connectorEvent);
        while (_followUps.TryDequeue(out var next))
        {
            var before = _state;
            var decision = ConnectorStateMachine.Decide(before, next, Now);
            _state = decision.State;
            _unpluggedUnderLoad |= before.ContactorClosed && before.Pilot is PilotState.C or PilotState.D && _state.Pilot == PilotState.A;
            foreach (var command in decision.Commands)
            {
                switch (command)
                {
                    case Evse.Core.Charging.OpenContactor:
                        OpenContactor();
                        break;
                    case CloseContactor:
                        ContactorClosed = true;
                        EverClosed = true;
                        break;
                    case RunSelfTest:
                        _selfTestAnswerAt = Now + SelfTestDuration;
                        break;
                    case RequestAuthorization request:
                        _followUps.Enqueue(new AuthorizationCompleted(request.IdTag, AcceptedCards.Contains(request.IdTag, StringComparer.OrdinalIgnoreCase)));
                        break;
                    case BeginSession begin:
                        Model.OnSessionBegan(begin.IdTag);
                        _followUps.Enqueue(new SessionRecorded(_nextRecordId++));
                        break;
                    case EndSession:
                        Model.OnSessionEnded();
                        break;
                }
            }
        }

        SenseLine();
    }

    private void OpenContactor()
    {
        if (ContactorClosed)
        {
            ContactorClosed = false;
            Model.OnContactorOpened();
        }
    }

    /// <summary>The board's next 10 Hz sample strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextGridAfter(DateTimeOffset now)
    {
        var ticks = SampleInterval.Ticks;
        var since = (now - Start).Ticks;
        return Start + TimeSpan.FromTicks(((since / ticks) + 1) * ticks);
    }

    private DateTimeOffset? AlignUp(DateTimeOffset? at)
    {
        if (at is not { } t)
        {
            return null;
        }

        var ticks = SampleInterval.Ticks;
        var since = (t - Start).Ticks;
        var aligned = Start + TimeSpan.FromTicks((since + ticks - 1) / ticks * ticks);
        return aligned <= Now ? NextGridAfter(Now) : aligned;
    }

    private static DateTimeOffset? Earliest(params DateTimeOffset?[] candidates)
    {
        DateTimeOffset? earliest = null;
        foreach (var c in candidates)
        {
            if (c is { } value && (earliest is null || value < earliest))
            {
                earliest = value;
            }
        }

        return earliest;
    }
}
