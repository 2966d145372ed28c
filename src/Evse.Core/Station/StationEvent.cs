using Evse.Core.Charging;
using Evse.Core.Measurements;

namespace Evse.Core.Station;

/// <summary>
/// What the connectors tell the rest of the daemon (OCPP, portal, load management).
/// Published by the control loops after the state change is applied.
/// </summary>
public abstract record StationEvent(int ConnectorId, DateTimeOffset At);

/// <summary>The connector's OCPP status or error changed.</summary>
public sealed record ConnectorStatusChanged(
    int ConnectorId,
    DateTimeOffset At,
    ChargePointStatus Status,
    ChargePointErrorCode ErrorCode,
    string? Info) : StationEvent(ConnectorId, At);

/// <summary>A session started and its charging record is durable.</summary>
public sealed record SessionStarted(
    int ConnectorId,
    DateTimeOffset At,
    long RecordId,
    string IdTag,
    double MeterStartWh) : StationEvent(ConnectorId, At);

/// <summary>A session ended and its charging record is closed.</summary>
public sealed record SessionEnded(
    int ConnectorId,
    DateTimeOffset At,
    long RecordId,
    string IdTag,
    double MeterStopWh,
    StopReason Reason) : StationEvent(ConnectorId, At);

/// <summary>A periodic meter reading of a connector; <paramref name="RecordId"/> is the session's, if one runs.</summary>
public sealed record ConnectorMetered(
    int ConnectorId,
    DateTimeOffset At,
    long? RecordId,
    MeterSample Sample,
    TemperatureReadings Temperatures,
    double OfferedAmps) : StationEvent(ConnectorId, At);
