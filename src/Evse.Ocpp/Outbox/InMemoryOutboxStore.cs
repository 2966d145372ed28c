using System.Diagnostics.CodeAnalysis;

namespace Evse.Ocpp.Outbox;

/// <summary>
/// A non-durable <see cref="IOutboxStore"/> for tests and for running without a data directory.
/// One instance may be shared by several outboxes in turn, which is how tests simulate a restart.
/// </summary>
public sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Row> _messages = [];
    private readonly Dictionary<long, OutboxTransaction> _transactions = [];
    private long _nextSequence = 1;
    private long _nextTransaction = 1;

    public long CreateTransaction(DateTimeOffset createdAt)
    {
        lock (_gate)
        {
            var id = _nextTransaction++;
            _transactions[id] = new OutboxTransaction(id, null, false, createdAt);
            return id;
        }
    }

    public bool TryGetTransaction(long localTransactionId, [NotNullWhen(true)] out OutboxTransaction? transaction)
    {
        lock (_gate)
        {
            return _transactions.TryGetValue(localTransactionId, out transaction);
        }
    }

    public bool TryEnqueue(OutboxMessageKey key, string payloadJson, DateTimeOffset enqueuedAt, out long sequence)
    {
        lock (_gate)
        {
            if (_messages.Values.Any(r => r.Entry.Key == key))
            {
                sequence = 0;
                return false;
            }

            sequence = _nextSequence++;
            _messages[sequence] = new Row(new OutboxEntry(sequence, key, payloadJson, enqueuedAt, 0, null), null);
            return true;
        }
    }

    public bool TryPeekHead([NotNullWhen(true)] out OutboxEntry? entry)
    {
        lock (_gate)
        {
            entry = _messages.Values.FirstOrDefault(r => r.CompletedAt is null)?.Entry;
            return entry is not null;
        }
    }

    public bool TryPeekNext(long sequence, [NotNullWhen(true)] out OutboxEntry? entry)
    {
        lock (_gate)
        {
            entry = _messages.Values.FirstOrDefault(r => r.CompletedAt is null && r.Entry.Sequence > sequence)?.Entry;
            return entry is not null;
        }
    }

    public int CountPending()
    {
        lock (_gate)
        {
            return _messages.Values.Count(r => r.CompletedAt is null);
        }
    }

    public void RecordFailedAttempt(long sequence, int failedAttempts, DateTimeOffset nextAttemptAt)
    {
        lock (_gate)
        {
            var row = _messages[sequence];
            _messages[sequence] = row with { Entry = row.Entry with { FailedAttempts = failedAttempts, NextAttemptAt = nextAttemptAt } };
        }
    }

    public void MarkDelivered(long sequence, DateTimeOffset deliveredAt)
    {
        lock (_gate)
        {
            _messages[sequence] = _messages[sequence] with { CompletedAt = deliveredAt };
        }
    }

    public void MarkStartDelivered(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt)
    {
        lock (_gate)
        {
            _messages[sequence] = _messages[sequence] with { CompletedAt = deliveredAt };
            _transactions[localTransactionId] = _transactions[localTransactionId] with { CentralTransactionId = centralTransactionId };
        }
    }

    public void MarkDropped(long sequence, string reason, DateTimeOffset droppedAt)
    {
        lock (_gate)
        {
            var row = _messages[sequence];
            _messages[sequence] = row with { CompletedAt = droppedAt };
            if (row.Entry.Key.Kind == OutboxMessageKind.StartTransaction
                && _transactions.TryGetValue(row.Entry.Key.LocalTransactionId, out var transaction))
            {
                _transactions[transaction.LocalTransactionId] = transaction with { Orphaned = true };
            }
        }
    }

    public int PruneCompleted(DateTimeOffset completedBefore, int maxTransactions = int.MaxValue)
    {
        lock (_gate)
        {
            var done = _messages.Values
                .GroupBy(r => r.Entry.Key.LocalTransactionId)
                .Where(g => g.All(r => r.CompletedAt is { } at && at < completedBefore)
                    && g.Any(r => r.Entry.Key.Kind == OutboxMessageKind.StopTransaction))
                .OrderBy(g => g.Key)
                .Take(maxTransactions)
                .ToList();
            var removed = 0;
            foreach (var group in done)
            {
                foreach (var row in group)
                {
                    _messages.Remove(row.Entry.Sequence);
                    removed++;
                }

                _transactions.Remove(group.Key);
            }

            return removed;
        }
    }

    private sealed record Row(OutboxEntry Entry, DateTimeOffset? CompletedAt);
}
