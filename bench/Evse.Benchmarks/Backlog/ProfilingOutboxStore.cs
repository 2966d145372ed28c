using System.Diagnostics.CodeAnalysis;
using Evse.Ocpp.Outbox;

namespace Evse.Benchmarks.Backlog;

/// <summary>Times each store call of a replay; the gap before each call is the outbox's own work.</summary>
internal sealed class ProfilingOutboxStore(IOutboxStore inner, ReplayProfile profile) : IOutboxStore
{
    public long CreateTransaction(DateTimeOffset createdAt) => inner.CreateTransaction(createdAt);

    public bool TryGetTransaction(long localTransactionId, [NotNullWhen(true)] out OutboxTransaction? transaction)
    {
        profile.Lap("outbox: checks before the transaction lookup");
        var found = inner.TryGetTransaction(localTransactionId, out transaction);
        profile.Lap("store: get transaction (id mapping)");
        return found;
    }

    public bool TryEnqueue(OutboxMessageKey key, string payloadJson, DateTimeOffset enqueuedAt, out long sequence) =>
        inner.TryEnqueue(key, payloadJson, enqueuedAt, out sequence);

    public bool TryPeekHead([NotNullWhen(true)] out OutboxEntry? entry)
    {
        profile.Lap("outbox: pump gate");
        var found = inner.TryPeekHead(out entry);
        profile.Lap("store: read head (prefetched batches)");
        return found;
    }

    // Runs while the previous message is on the wire, so it is not a phase of its own: it overlaps the wait.
    public bool TryPeekNext(long sequence, [NotNullWhen(true)] out OutboxEntry? entry) => inner.TryPeekNext(sequence, out entry);

    public int CountPending() => inner.CountPending();

    public void RecordFailedAttempt(long sequence, int failedAttempts, DateTimeOffset nextAttemptAt) =>
        inner.RecordFailedAttempt(sequence, failedAttempts, nextAttemptAt);

    public void MarkDelivered(long sequence, DateTimeOffset deliveredAt)
    {
        profile.Lap("outbox: handle the answer");
        // The head is the message being marked (memory only, not timed as store work).
        var kind = inner.TryPeekHead(out var head) && head.Sequence == sequence ? head.Key.Kind : OutboxMessageKind.MeterValues;
        inner.MarkDelivered(sequence, deliveredAt);
        profile.Lap(kind == OutboxMessageKind.StopTransaction
            ? "store: mark StopTransaction delivered (watermark + msync)"
            : "store: mark MeterValues delivered (watermark store)");
    }

    public void MarkStartDelivered(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt)
    {
        profile.Lap("outbox: handle the answer");
        inner.MarkStartDelivered(sequence, localTransactionId, centralTransactionId, deliveredAt);
        profile.Lap("store: mark start delivered + map id");
    }

    public Task MarkStartDeliveredAsync(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt)
    {
        profile.Lap("outbox: handle the answer");
        var onDisk = inner.MarkStartDeliveredAsync(sequence, localTransactionId, centralTransactionId, deliveredAt);
        profile.Lap("store: mark start delivered + map id (in memory; committed beside the next sends)");
        return onDisk;
    }

    public void MarkDropped(long sequence, string reason, DateTimeOffset droppedAt) => inner.MarkDropped(sequence, reason, droppedAt);

    public int PruneCompleted(DateTimeOffset completedBefore, int maxTransactions = int.MaxValue) => inner.PruneCompleted(completedBefore, maxTransactions);
}
