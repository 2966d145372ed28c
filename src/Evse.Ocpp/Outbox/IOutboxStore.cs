namespace Evse.Ocpp.Outbox;

/// <summary>
/// Durable storage of the transaction-message queue and the local→Central System transaction id mapping.
/// Every write is durable before the method returns (SQLite: WAL, synchronous=FULL), except where a method says otherwise. Implementations are thread-safe.
/// Delivered and dropped messages stay (marked) until pruned, so a replayed enqueue is still recognised as a duplicate.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Allocates a local transaction id that is never handed out again, even after pruning.</summary>
    long CreateTransaction(DateTimeOffset createdAt);

    bool TryGetTransaction(long localTransactionId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OutboxTransaction? transaction);

    /// <summary>Appends a message; false (and nothing written) when a message with the same key exists in any state.</summary>
    bool TryEnqueue(OutboxMessageKey key, string payloadJson, DateTimeOffset enqueuedAt, out long sequence);

    /// <summary>The oldest message that is neither delivered nor dropped.</summary>
    bool TryPeekHead([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OutboxEntry? entry);

    /// <summary>
    /// The pending message right behind <paramref name="sequence"/>, when the store can tell without waiting for the disk
    /// (the outbox prepares it while <paramref name="sequence"/> is on the wire). False means "not known now", never
    /// "none": the outbox then simply does not prepare ahead. The default knows nothing.
    /// </summary>
    bool TryPeekNext(long sequence, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OutboxEntry? entry)
    {
        entry = null;
        return false;
    }

    int CountPending();

    void RecordFailedAttempt(long sequence, int failedAttempts, DateTimeOffset nextAttemptAt);

    void MarkDelivered(long sequence, DateTimeOffset deliveredAt);

    /// <summary>In one atomic step: the StartTransaction is delivered and the transaction maps to the Central System's id.</summary>
    void MarkStartDelivered(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt);

    /// <summary>
    /// <see cref="MarkStartDelivered"/> in two steps: when this returns the mark holds in memory (the head has moved past
    /// <paramref name="sequence"/>, the transaction carries the Central System's id); the task completes when it is on disk.
    /// The outbox sends the transaction's MeterValues meanwhile, but no StartTransaction or StopTransaction until the task
    /// has completed, so a crash never leaves more than one of those in doubt. The default writes at once.
    /// </summary>
    Task MarkStartDeliveredAsync(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt)
    {
        MarkStartDelivered(sequence, localTransactionId, centralTransactionId, deliveredAt);
        return Task.CompletedTask;
    }

    /// <summary>Discards a message; when it is a StartTransaction the transaction is marked orphaned in the same step.</summary>
    void MarkDropped(long sequence, string reason, DateTimeOffset droppedAt);

    /// <summary>
    /// Deletes transactions (and their messages) whose every message completed before <paramref name="completedBefore"/>
    /// and whose StopTransaction is among them, at most <paramref name="maxTransactions"/> of them, oldest local id first
    /// (a caller prunes a large backlog in short steps without holding the queue back). Returns the number of messages
    /// deleted.
    /// </summary>
    int PruneCompleted(DateTimeOffset completedBefore, int maxTransactions = int.MaxValue);
}
