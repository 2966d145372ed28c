namespace Evse.Ocpp.Outbox;

/// <summary>A queued message as the store keeps it.</summary>
/// <param name="Sequence">Store-assigned, strictly increasing: the FIFO order, across restarts.</param>
/// <param name="PayloadJson">The request payload; transactionId is filled in at send time from the id mapping.</param>
/// <param name="FailedAttempts">Transmissions the Central System failed to process (CALLERROR).</param>
/// <param name="NextAttemptAt">Not before this time; null when due at once.</param>
public sealed record OutboxEntry(
    long Sequence,
    OutboxMessageKey Key,
    string PayloadJson,
    DateTimeOffset EnqueuedAt,
    int FailedAttempts,
    DateTimeOffset? NextAttemptAt);
