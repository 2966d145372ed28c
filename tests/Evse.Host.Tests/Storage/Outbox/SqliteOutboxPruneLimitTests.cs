using Evse.Ocpp.Outbox;

namespace Evse.Host.Tests.Storage.Outbox;

/// <summary>PruneCompleted with a transaction limit, on the real SQLite store: the retention worker's batches.</summary>
public sealed class SqliteOutboxPruneLimitTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private readonly OutboxTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void PruneCompleted_Limit_RemovesThatManyFinishedTransactionsOldestFirst()
    {
        using var store = _database.NewStore();
        var open = store.CreateTransaction(T0);
        Deliver(store, open, OutboxMessageKind.StartTransaction, 1);
        var finished = Enumerable.Range(0, 5).Select(_ => Finished(store)).ToList();

        Assert.Equal(4, store.PruneCompleted(T0.AddDays(1), 2));

        Assert.False(store.TryGetTransaction(finished[0], out _));
        Assert.False(store.TryGetTransaction(finished[1], out _));
        Assert.True(store.TryGetTransaction(finished[2], out _));
        Assert.True(store.TryGetTransaction(open, out _));
        Assert.Equal(6, store.PruneCompleted(T0.AddDays(1), 10));
        Assert.Equal(0, store.PruneCompleted(T0.AddDays(1), 10));
        Assert.True(store.TryGetTransaction(open, out _));
    }

    [Fact]
    public void PruneCompleted_LimitOnInMemoryStore_SameAsSqlite()
    {
        var store = new InMemoryOutboxStore();
        var finished = Enumerable.Range(0, 3).Select(_ => Finished(store)).ToList();

        Assert.Equal(2, store.PruneCompleted(T0.AddDays(1), 1));

        Assert.False(store.TryGetTransaction(finished[0], out _));
        Assert.True(store.TryGetTransaction(finished[1], out _));
    }

    private static long Finished(IOutboxStore store)
    {
        var id = store.CreateTransaction(T0);
        Deliver(store, id, OutboxMessageKind.StartTransaction, (int)id);
        Deliver(store, id, OutboxMessageKind.StopTransaction, (int)id);
        return id;
    }

    private static void Deliver(IOutboxStore store, long transaction, OutboxMessageKind kind, int centralId)
    {
        Assert.True(store.TryEnqueue(new(transaction, kind, 0), "{}", T0, out var sequence));
        if (kind == OutboxMessageKind.StartTransaction)
        {
            store.MarkStartDelivered(sequence, transaction, centralId, T0);
        }
        else
        {
            store.MarkDelivered(sequence, T0);
        }
    }
}
