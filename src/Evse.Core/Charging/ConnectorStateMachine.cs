using Evse.Core.Authorization;
using Evse.Core.Pilot;
using Evse.Core.Ports;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Charging;

/// <summary>
/// The connector's charging logic as one pure step: (state, event, now) → (state, commands).
/// No I/O, no clock, no threads. Each event first updates the facts it carries; then
/// <see cref="Reconcile"/> derives the outputs (contactor, pilot, status) from the facts, so the
/// safety rules hold after every step by construction: the contactor is closed only when power is
/// offered, the pilot is C or D, the session is recorded, the self test passed and no fault stops charging.
/// </summary>
public static class ConnectorStateMachine
{
    private static readonly OpenContactor Open = new();
    private static readonly CloseContactor Close = new();

    public static ConnectorState Initial(int connectorId, ConnectorSettings settings, double limitAmps) =>
        new() { ConnectorId = connectorId, Settings = settings, LimitAmps = limitAmps };

    public static Decision Decide(ConnectorState state, ConnectorEvent @event, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);

        var commands = new List<ConnectorCommand>(4);
        state = @event switch
        {
            PilotSensed e => OnPilot(state, e.Reading, e.MeasuredUnder ?? state.PilotOutput.Mode, now, commands),
            IdTagPresented e => OnIdTag(state, e.IdTag, now, commands),
            AuthorizationCompleted e => OnAuthorization(state, e, now, commands),
            StartRequested e => TryStart(state with { AuthorizedIdTag = e.IdTag, AuthorizedAt = now, AuthorizedParentIdTag = null, Finished = false }, now, commands),
            StopRequested e => EndSession(state, e.Reason, now, commands),
            MeterSampled e => state with { MeterWh = Math.Max(state.MeterWh, e.Sample.EnergyWh) },
            FaultRaised e => OnFault(state, e.Code, now, commands),
            FaultCleared e => state with { ActiveFaults = state.ActiveFaults.Remove(e.Code) },
            LimitChanged e => state with { LimitAmps = e.LimitAmps },
            SelfTestCompleted e => OnSelfTest(state, e.Passed, now, commands),
            SessionRecorded e => state.Session is { RecordId: null } s ? state with { Session = s with { RecordId = e.RecordId } } : state,
            AvailabilityChanged e => state with { Operative = e.Operative },
            SettingsChanged e => state with { Settings = e.Settings },
            TimerElapsed => OnTimer(state, now),
            ShutdownRequested e => EndSession(state with { ShuttingDown = true }, e.Reason, now, commands),
            ReservationChanged e => state with { Reservation = e.Reservation },
            StationLockChanged e => state with { StationLocked = e.Locked },
            RestartPendingChanged e => e.Pending ? state with { RestartPending = true } : TryStart(state with { RestartPending = false }, now, commands),
            UnlockRequested => Unlock(state, now, commands),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, "Unknown connector event."),
        };

        return Reconcile(state, now, commands);
    }

    private static ConnectorState OnPilot(ConnectorState state, PilotReading reading, PilotOutputMode measuredUnder, DateTimeOffset now, List<ConnectorCommand> commands)
    {
        var pilot = PilotClassifier.Classify(reading);
        if (!PilotClassifier.DiodeOk(reading, measuredUnder) && !state.ActiveFaults.Contains(FaultCode.DiodeFailure))
        {
            state = OnFault(state, FaultCode.DiodeFailure, now, commands);
        }

        if (pilot == state.Pilot)
        {
            return state;
        }

        var previous = state.Pilot;
        state = state with { Pilot = pilot };

        // E or F that we do not drive ourselves is a CP fault (seed 004: "CP voltage abnormal").
        var drivingF = measuredUnder == PilotOutputMode.SteadyNegative;
        if (pilot is PilotState.E or PilotState.F && !drivingF)
        {
            return OnFault(state, FaultCode.CpVoltageAbnormal, now, commands);
        }

        if (pilot == PilotState.A)
        {
            // Unplugged: CP faults are cleared by re-plugging, and a finished session is done with.
            state = state with
            {
                Finished = false,
                SelfTestPassed = false,
                ActiveFaults = state.ActiveFaults.Remove(FaultCode.CpVoltageAbnormal).Remove(FaultCode.DiodeFailure),
            };
            if (state.Session is not null && state.Settings.StopTransactionOnEVSideDisconnect)
            {
                state = EndSession(state, StopReason.EVDisconnected, now, commands);
            }

            return state;
        }

        if (previous == PilotState.A && pilot is PilotState.B or PilotState.C or PilotState.D)
        {
            if (state.Session is null && state.AuthorizedIdTag is null && state.Settings.FreeVend)
            {
                state = state with { AuthorizedIdTag = state.Settings.PlugAndChargeId, AuthorizedAt = now, AuthorizedParentIdTag = null };
            }

            return TryStart(state, now, commands);
        }

        return state;
    }

    private static ConnectorState OnIdTag(ConnectorState state, string idTag, DateTimeOffset now, List<ConnectorCommand> commands)
    {
        if (state.Session is { } session)
        {
            // The loop holds no list or cache, so a different card's parent is learned by authorizing it.
            switch (SessionStopRule.Check(session.IdTag, session.ParentIdTag, idTag, null))
            {
                case StopVerdict.Allowed:
                    commands.Add(new Beep(BuzzerPattern.Accepted));
                    return EndSession(state, StopReason.Local, now, commands);
                case StopVerdict.NeedsParentIdTag:
                    if (string.Equals(state.AuthorizingStop, idTag, StringComparison.OrdinalIgnoreCase))
                    {
                        return state;
                    }

                    commands.Add(new RequestAuthorization(idTag));
                    return state with { AuthorizingStop = idTag };
                default:
                    commands.Add(new Beep(BuzzerPattern.Rejected));
                    return state;
            }
        }

        if (!state.Operative || state.HasStoppingFault || state.ShuttingDown || state.StationLocked || state.RestartPending || !ReservationMayAdmit(state, idTag, now))
        {
            commands.Add(new Beep(BuzzerPattern.Rejected));
            return state;
        }

        if (string.Equals(state.Authorizing, idTag, StringComparison.OrdinalIgnoreCase))
        {
            return state;
        }

        commands.Add(new RequestAuthorization(idTag));
        return state with { Authorizing = idTag };
    }

    private static ConnectorState OnAuthorization(ConnectorState state, AuthorizationCompleted e, DateTimeOffset now, List<ConnectorCommand> commands)
    {
        if (state.AuthorizingStop is not null && string.Equals(state.AuthorizingStop, e.IdTag, StringComparison.OrdinalIgnoreCase))
        {
            return OnStopAuthorization(state with { AuthorizingStop = null }, e, now, commands);
        }

        if (!string.Equals(state.Authorizing, e.IdTag, StringComparison.OrdinalIgnoreCase))
        {
            return state; // a late answer to a request that was superseded
        }

        state = state with { Authorizing = null };
        if (!e.Accepted)
        {
            commands.Add(new Beep(BuzzerPattern.Rejected));
            return state;
        }

        commands.Add(new Beep(BuzzerPattern.Accepted));
        return TryStart(state with { AuthorizedIdTag = e.IdTag, AuthorizedAt = now, AuthorizedParentIdTag = e.ParentIdTag, Finished = false }, now, commands);
    }

    /// <summary>
    /// The answer for a card presented to stop someone else's session: only the parentIdTag counts (OCPP 1.6 §3.5.2).
    /// Its own status does not: stopping only withdraws power, and a group card the Central System now blocks is still
    /// of the group that started the session.
    /// </summary>
    private static ConnectorState OnStopAuthorization(ConnectorState state, AuthorizationCompleted e, DateTimeOffset now, List<ConnectorCommand> commands)
    {
        if (state.Session is not { } session)
        {
            return state; // the session ended while the card was being looked up
        }

        var info = new IdTagInfo(e.Accepted ? AuthorizationStatus.Accepted : AuthorizationStatus.Invalid, null, e.ParentIdTag);
        if (SessionStopRule.Check(session.IdTag, session.ParentIdTag, e.IdTag, info) == StopVerdict.Allowed)
        {
            commands.Add(new Beep(BuzzerPattern.Accepted));
            return EndSession(state, StopReason.Local, now, commands);
        }

        commands.Add(new Beep(BuzzerPattern.Rejected));
        return state;
    }

    private static ConnectorState TryStart(ConnectorState state, DateTimeOffset now, List<ConnectorCommand> commands)
    {
        var plugged = state.Pilot is PilotState.B or PilotState.C or PilotState.D;
        if (state.AuthorizedIdTag is not { } idTag || !plugged || state.Session is not null
            || !state.Operative || state.HasStoppingFault || state.ShuttingDown || state.RestartPending)
        {
            return state;
        }

        if (state.StationLocked || !ReservationAdmits(state, idTag, now))
        {
            return state with { AuthorizedIdTag = null, AuthorizedAt = null, AuthorizedParentIdTag = null };
        }

        commands.Add(new BeginSession(idTag, now, state.MeterWh));
        return state with
        {
            Reservation = null, // a reservation ends when its holder starts charging
            Session = new Session(idTag, now, state.MeterWh, null, state.AuthorizedParentIdTag),
            AuthorizedIdTag = null,
            AuthorizedAt = null,
            AuthorizedParentIdTag = null,
            Finished = false,
            SelfTestPassed = false,
        };
    }

    private static ConnectorState Unlock(ConnectorState state, DateTimeOffset now, List<ConnectorCommand> commands)
    {
        state = EndSession(state, StopReason.UnlockCommand, now, commands);
        commands.Add(new UnlockSocket());
        return state;
    }

    private static ConnectorState EndSession(ConnectorState state, StopReason reason, DateTimeOffset now, List<ConnectorCommand> commands)
    {
        if (state.Session is not { } session)
        {
            return state with { AuthorizedIdTag = null, AuthorizedAt = null, AuthorizedParentIdTag = null };
        }

        // The contactor opens before the record is closed.
        if (state.ContactorClosed)
        {
            commands.Add(Open);
            state = state with { ContactorClosed = false, SelfTestPassed = false };
        }

        if (session.RecordId is { } recordId)
        {
            commands.Add(new EndSession(recordId, now, state.MeterWh, reason));
        }

        var plugged = state.Pilot is PilotState.B or PilotState.C or PilotState.D;
        return state with { Session = null, Finished = plugged, SelfTestPassed = false, AuthorizingStop = null };
    }

    private static ConnectorState OnFault(ConnectorState state, FaultCode code, DateTimeOffset now, List<ConnectorCommand> commands)
    {
        if (state.ActiveFaults.Contains(code))
        {
            return state;
        }

        var descriptor = FaultCatalog.Describe(code);
        state = state with { ActiveFaults = state.ActiveFaults.Add(code) };
        if (!descriptor.StopsCharging)
        {
            return state;
        }

        if (state.ContactorClosed)
        {
            commands.Add(Open);
            state = state with { ContactorClosed = false, SelfTestPassed = false };
        }

        state = state with { StateFUntil = now + ConnectorSettings.StateFHold, SelfTestPassed = false };
        return descriptor.Hard ? EndSession(state, StopReason.Other, now, commands) : state;
    }

    private static ConnectorState OnSelfTest(ConnectorState state, bool passed, DateTimeOffset now, List<ConnectorCommand> commands)
    {
        if (!state.SelfTestRunning)
        {
            return state; // an answer nobody is waiting for (the test was superseded by an open or a fault)
        }

        state = state with { SelfTestRunning = false, SelfTestPassed = passed };
        return passed ? state : OnFault(state, FaultCode.SelfTestFailed, now, commands);
    }

    /// <summary>
    /// Before authorization: a reservation with a parentIdTag may admit an id whose parent only the authorizer can
    /// look up (OCPP 1.6 §5.13), so such an id is authorized rather than refused; the OCPP layer then hands the
    /// reservation over to it (a <see cref="ReservationChanged"/> with its idTag) before it answers, or refuses it.
    /// </summary>
    private static bool ReservationMayAdmit(ConnectorState state, string idTag, DateTimeOffset now) =>
        ReservationAdmits(state, idTag, now) || state.Reservation is { ParentIdTag: not null };

    /// <summary>True when no active reservation holds the connector, or it holds it for this idTag (parent idTags: the OCPP layer resolves them before).</summary>
    private static bool ReservationAdmits(ConnectorState state, string idTag, DateTimeOffset now) =>
        state.Reservation is not { } reservation || !reservation.ActiveAt(now) || reservation.Admits(idTag, null);

    private static ConnectorState OnTimer(ConnectorState state, DateTimeOffset now)
    {
        if (state.Reservation is { } reservation && !reservation.ActiveAt(now))
        {
            state = state with { Reservation = null };
        }

        if (state.StateFUntil is { } until && now >= until)
        {
            state = state with { StateFUntil = null };
        }

        if (state.AuthorizedAt is { } at && state.Session is null && now >= at + state.Settings.ConnectionTimeOut)
        {
            state = state with { AuthorizedIdTag = null, AuthorizedAt = null, AuthorizedParentIdTag = null };
        }

        return state;
    }

    /// <summary>Derives contactor, pilot and status from the facts and commands the differences, safety first.</summary>
    private static Decision Reconcile(ConnectorState state, DateTimeOffset now, List<ConnectorCommand> commands)
    {
        var plugged = state.Pilot is PilotState.B or PilotState.C or PilotState.D;
        var evReady = state.Pilot is PilotState.C or PilotState.D;
        var holdF = state.StateFUntil is { } until && now < until;

        var offerPower = plugged
            && state.Operative
            && !state.ShuttingDown
            && !state.HasStoppingFault
            && !holdF
            && state.Session is { RecordId: not null }
            && PilotDuty.TryOfferable(state.LimitAmps, out _);

        var wantClosed = offerPower && evReady && state.SelfTestPassed;

        var safety = new List<ConnectorCommand>(2);
        if (state.ContactorClosed && !wantClosed)
        {
            // Every close is preceded by its own residual-current self test (REQUIREMENTS §1).
            safety.Add(Open);
            state = state with { ContactorClosed = false, SelfTestPassed = false };
        }

        var pilot = holdF ? PilotOutput.StateF
            : offerPower && PilotDuty.TryOfferable(state.LimitAmps, out var amps) ? PilotOutput.Pwm(PilotDuty.DutyPercentFor(amps))
            : PilotOutput.NoPowerOffered;
        if (pilot != state.PilotOutput)
        {
            safety.Add(new SetPilot(pilot));
            state = state with { PilotOutput = pilot };
        }

        if (offerPower && evReady && !state.SelfTestPassed && !state.SelfTestRunning)
        {
            commands.Add(new RunSelfTest());
            state = state with { SelfTestRunning = true };
        }

        if (wantClosed && !state.ContactorClosed)
        {
            commands.Add(Close);
            state = state with { ContactorClosed = true };
        }

        state = state with { Status = StatusOf(state, plugged, offerPower) };

        // Safety first: an open command, wherever it came from, leads; then the pilot; then the rest.
        var ordered = new List<ConnectorCommand>(safety.Count + commands.Count);
        if (safety.Remove(Open) | commands.RemoveAll(c => c is OpenContactor) > 0)
        {
            ordered.Add(Open);
        }

        ordered.AddRange(safety);
        ordered.AddRange(commands);
        return new Decision(state, ordered);
    }

    private static ChargePointStatus StatusOf(ConnectorState state, bool plugged, bool offerPower)
    {
        if (state.ActiveFaults.Any(f => FaultCatalog.Describe(f).MakesConnectorFaulted))
        {
            return ChargePointStatus.Faulted;
        }

        if (state.Session is not null)
        {
            return state.ContactorClosed ? ChargePointStatus.Charging
                : offerPower ? ChargePointStatus.SuspendedEV
                : ChargePointStatus.SuspendedEVSE;
        }

        if (!state.Operative)
        {
            return ChargePointStatus.Unavailable;
        }

        if (state.Finished && plugged)
        {
            return ChargePointStatus.Finishing;
        }

        if (plugged || state.AuthorizedIdTag is not null || state.Authorizing is not null)
        {
            return ChargePointStatus.Preparing;
        }

        return state.Reservation is not null ? ChargePointStatus.Reserved : ChargePointStatus.Available;
    }
}
