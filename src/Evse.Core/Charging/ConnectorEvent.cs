using Evse.Core.Authorization;
using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Charging;

/// <summary>Something that happened to a connector. The control loop feeds these to <see cref="ConnectorStateMachine"/>.</summary>
public abstract record ConnectorEvent;

/// <summary>
/// A new pilot reading, and what the generator drove when it was measured (null: what the state says it drives).
/// A reading can reach the decision step after the output has changed again; it is judged against the output
/// it was measured under, so a −12 V sample of our own state F is never mistaken for a CP fault.
/// </summary>
public sealed record PilotSensed(PilotReading Reading, PilotOutputMode? MeasuredUnder = null) : ConnectorEvent;

/// <summary>A card, or another id, was presented at the station for this connector.</summary>
public sealed record IdTagPresented(string IdTag) : ConnectorEvent;

/// <summary>The answer to <see cref="RequestAuthorization"/>, with the id's parentIdTag when the authorizer knows it.</summary>
public sealed record AuthorizationCompleted(string IdTag, bool Accepted, string? ParentIdTag = null) : ConnectorEvent;

/// <summary>Start with an id that is already authorized (OCPP RemoteStartTransaction, portal start).</summary>
public sealed record StartRequested(string IdTag) : ConnectorEvent;

/// <summary>Stop the session under way (remote stop, portal stop, invalid id).</summary>
public sealed record StopRequested(StopReason Reason) : ConnectorEvent;

public sealed record MeterSampled(MeterSample Sample) : ConnectorEvent;

public sealed record FaultRaised(FaultCode Code) : ConnectorEvent;

public sealed record FaultCleared(FaultCode Code) : ConnectorEvent;

/// <summary>The current limit changed (the minimum of every contributor).</summary>
public sealed record LimitChanged(double LimitAmps) : ConnectorEvent;

/// <summary>The answer to <see cref="RunSelfTest"/>.</summary>
public sealed record SelfTestCompleted(bool Passed) : ConnectorEvent;

/// <summary>The answer to <see cref="BeginSession"/>: the record is durable.</summary>
public sealed record SessionRecorded(long RecordId) : ConnectorEvent;

/// <summary>OCPP ChangeAvailability or the portal made the connector (in)operative.</summary>
public sealed record AvailabilityChanged(bool Operative) : ConnectorEvent;

public sealed record SettingsChanged(ConnectorSettings Settings) : ConnectorEvent;

/// <summary>Posted by the loop when <see cref="ConnectorState.NextDeadline"/> has passed.</summary>
public sealed record TimerElapsed : ConnectorEvent;

/// <summary>The daemon is stopping: withdraw power and end the session.</summary>
public sealed record ShutdownRequested(StopReason Reason) : ConnectorEvent;

/// <summary>OCPP ReserveNow / CancelReservation: the connector is held for one idTag until the expiry (null: released).</summary>
public sealed record ReservationChanged(Reservation? Reservation) : ConnectorEvent;

/// <summary>Seed 004 station lock: a locked charger starts no new session; a session under way finishes.</summary>
public sealed record StationLockChanged(bool Locked) : ConnectorEvent;

/// <summary>
/// OCPP UnlockConnector on a socket connector: a session under way ends with <see cref="StopReason.UnlockCommand"/>
/// (contactor open first), then the socket lock is released.
/// </summary>
public sealed record UnlockRequested : ConnectorEvent;

/// <summary>
/// A planned restart (Reboot Period) is about to happen: while pending, no new session starts (a card is refused
/// with the Rejected beep, a plug-in or remote start waits), so a session cannot begin between the idle check and
/// the restart. Released (false) when the restart is called off because a session was already under way.
/// </summary>
public sealed record RestartPendingChanged(bool Pending) : ConnectorEvent;
