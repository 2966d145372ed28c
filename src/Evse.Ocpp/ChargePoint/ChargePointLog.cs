using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.ChargePoint;

internal static partial class ChargePointLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "BootNotification answered {Status}, interval {IntervalSeconds} s, Central System time {CurrentTime:o}")]
    public static partial void BootAnswered(ILogger logger, RegistrationStatus status, int intervalSeconds, DateTimeOffset currentTime);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "BootNotification failed ({Status}): {Reason}")]
    public static partial void BootFailed(ILogger logger, OcppCallStatus status, string? reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Heartbeat answered, Central System time {CurrentTime:o}")]
    public static partial void HeartbeatAnswered(ILogger logger, DateTimeOffset currentTime);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Disconnected from the Central System; statuses are re-sent after the reconnect")]
    public static partial void Disconnected(ILogger logger);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "StatusNotification of connector {ConnectorId} not delivered ({Status})")]
    public static partial void StatusNotDelivered(ILogger logger, int connectorId, OcppCallStatus status);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Session of record {RecordId} ended, but its start never reached the outbox; no StopTransaction is sent")]
    public static partial void StopWithoutStart(ILogger logger, long recordId);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Reset {Type} requested by the Central System: stopping sessions, then the daemon (systemd restarts it)")]
    public static partial void ResetRequested(ILogger logger, ResetType type);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Authorize for an idTag failed ({Status}); applying the offline rules")]
    public static partial void AuthorizeFailed(ILogger logger, OcppCallStatus status);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Debug, Message = "Clock-aligned meter values of connector {ConnectorId} at {At:o} dropped: offline and no transaction runs")]
    public static partial void AlignedDropped(ILogger logger, int connectorId, DateTimeOffset at);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Warning, Message = "The Central System answered {Status} for the idTag of the transaction on connector {ConnectorId}; {MaxEnergyWh} Wh may still be delivered")]
    public static partial void TransactionIdTagInvalid(ILogger logger, int connectorId, string status, long maxEnergyWh);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "Connector {ConnectorId}: transaction deauthorized, {Action}")]
    public static partial void TransactionDeauthorized(ILogger logger, int connectorId, string action);

    [LoggerMessage(EventId = 4160, Level = LogLevel.Information, Message = "RemoteStartTransaction on connector {ConnectorId} accepted but the idTag was not authorized ({Status}, {Source}): no start")]
    public static partial void RemoteStartNotAuthorized(ILogger logger, int connectorId, Evse.Core.Ports.AuthorizationStatus status, string source);

    [LoggerMessage(EventId = 4161, Level = LogLevel.Warning, Message = "Authorize for an idTag answered {Status} while online: refused (offline rules apply only to no answer)")]
    public static partial void AuthorizeRefusedOnError(ILogger logger, OcppCallStatus status);

    [LoggerMessage(EventId = 4171, Level = LogLevel.Warning, Message = "BootNotification.conf interval {IntervalSeconds} s is longer than the longest supported heartbeat interval; using {UsedSeconds} s")]
    public static partial void BootIntervalClamped(ILogger logger, int intervalSeconds, long usedSeconds);

    [LoggerMessage(EventId = 4172, Level = LogLevel.Information, Message = "Registration is {Status}; no BootNotification before {NotBefore:o}")]
    public static partial void RegistrationWait(ILogger logger, RegistrationStatus status, DateTimeOffset notBefore);

    [LoggerMessage(EventId = 4190, Level = LogLevel.Error, Message = "Handling {Event} failed; the charge point carries on with the next event")]
    public static partial void EventFailed(ILogger logger, Exception exception, string @event);
}
