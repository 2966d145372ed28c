using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Outbox;

/// <summary>Event ids 4350–4399 belong to the outbox (see docs/ocpp-configuration.md).</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 4350, Level = LogLevel.Debug, Message = "Queued {Kind} #{Sequence} of local transaction {LocalTransactionId}")]
    public static partial void Enqueued(ILogger logger, OutboxMessageKind kind, long sequence, long localTransactionId);

    [LoggerMessage(EventId = 4351, Level = LogLevel.Information, Message = "Ignored replayed {Key}: it was queued before")]
    public static partial void Duplicate(ILogger logger, OutboxMessageKey key);

    [LoggerMessage(EventId = 4352, Level = LogLevel.Debug, Message = "Delivered {Kind} #{Sequence}")]
    public static partial void Delivered(ILogger logger, OutboxMessageKind kind, long sequence);

    [LoggerMessage(EventId = 4353, Level = LogLevel.Information, Message = "Local transaction {LocalTransactionId} is Central System transaction {CentralTransactionId}")]
    public static partial void Mapped(ILogger logger, long localTransactionId, int centralTransactionId);

    [LoggerMessage(EventId = 4354, Level = LogLevel.Warning, Message = "{Kind} #{Sequence} failed ({ErrorCode}: {ErrorDescription}), attempt {FailedAttempts}; retry at {NextAttemptAt:o}")]
    public static partial void Failed(ILogger logger, OutboxMessageKind kind, long sequence, string errorCode, string errorDescription, int failedAttempts, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 4355, Level = LogLevel.Error, Message = "Discarded {Kind} #{Sequence} of local transaction {LocalTransactionId}: {Reason}. Payload: {PayloadJson}")]
    public static partial void Dropped(ILogger logger, OutboxMessageKind kind, long sequence, long localTransactionId, string reason, string payloadJson);

    [LoggerMessage(EventId = 4356, Level = LogLevel.Information, Message = "{Kind} #{Sequence} got no answer in time; resent at {NextAttemptAt:o}")]
    public static partial void TimedOut(ILogger logger, OutboxMessageKind kind, long sequence, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 4357, Level = LogLevel.Error, Message = "A listener of the outbox failed")]
    public static partial void ListenerFailed(ILogger logger, Exception exception);
}
