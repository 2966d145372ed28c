using System.Diagnostics.CodeAnalysis;
using Evse.Ocpp.Outbox;

namespace Evse.Host.Tests.Workers;

/// <summary>The in-memory outbox with its prune calls recorded, and able to fail the next ones.</summary>
internal sealed class PruneRecordingOutboxStore : IOutboxStore
{
    private readonly InMemoryOutboxStore _inner = new();
    private readonly List<(DateTimeOffset CompletedBefore, int MaxTransactions, int? Removed)> _calls = [];

    public int FailuresToThrow { get; set; }

    public IReadOnlyList<(DateTimeOffset CompletedBefore, int MaxTransactions, int? Removed)> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>True when the newest call found nothing or threw: a retention run ends with it.</summary>
    public bool RunEnded
    {
        get
        {
            lock (_calls)
            {
                return _calls.Count > 0 && _calls[^1].Removed is null or 0;
            }
        }
    }

    public int PruneCompleted(DateTimeOffset completedBefore, int maxTransactions = int.MaxValue)
    {
        lock (_calls)
        {
            if (FailuresToThrow > 0)
            {
                FailuresToThrow--;
                _calls.Add((completedBefore, maxTransactions, null));
                throw new InvalidOperationException("disk I/O error");
            }

            var removed = _inner.PruneCompleted(completedBefore, maxTransactions);
            _calls.Add((completedBefore, maxTransactions, removed));
            return removed;
        }
    }

    public long CreateTransaction(DateTimeOffset createdAt) => _inner.CreateTransaction(createdAt);

    public bool TryGetTransaction(long localTransactionId, [NotNullWhen(true)] out OutboxTransaction? transaction) =>
        _inner.TryGetTransaction(localTransactionId, out transaction);

    public bool TryEnqueue(OutboxMessageKey key, string payloadJson, DateTimeOffset enqueuedAt, out long sequence) =>
        _inner.TryEnqueue(key, payloadJson, enqueuedAt, out sequence);

    public bool TryPeekHead([NotNullWhen(true)] out OutboxEntry? entry) => _inner.TryPeekHead(out entry);

    public int CountPending() => _inner.CountPending();

    public void RecordFailedAttempt(long sequence, int failedAttempts, DateTimeOffset nextAttemptAt) =>
        _inner.RecordFailedAttempt(sequence, failedAttempts, nextAttemptAt);

    public void MarkDelivered(long sequence, DateTimeOffset deliveredAt) => _inner.MarkDelivered(sequence, deliveredAt);

    public void MarkStartDelivered(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt) =>
        _inner.MarkStartDelivered(sequence, localTransactionId, centralTransactionId, deliveredAt);

    public void MarkDropped(long sequence, string reason, DateTimeOffset droppedAt) => _inner.MarkDropped(sequence, reason, droppedAt);
}
