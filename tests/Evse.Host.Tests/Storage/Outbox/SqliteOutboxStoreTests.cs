using Evse.Host.Storage.Outbox;
using Evse.Ocpp.Outbox;

namespace Evse.Host.Tests.Storage.Outbox;

public sealed class SqliteOutboxStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private readonly OutboxTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Constructor_WalDatabase_CommitsAtNormalAndSyncsTheLogItselfAfterEveryDurableWrite()
    {
        using var store = _database.NewStore();
        Assert.Equal("wal", _database.Pragma("journal_mode"));
        Assert.Equal(1, store.SynchronousLevel());

        var tx = store.CreateTransaction(T0);
        var before = store.WalSyncs;
        Assert.True(store.TryEnqueue(new(tx, OutboxMessageKind.StartTransaction, 0), """{"a":1}""", T0, out var start));
        Assert.Equal(before + 1, store.WalSyncs);
        Assert.True(store.TryPeekHead(out _));
        store.MarkStartDelivered(start, tx, 42, T0);
        Assert.Equal(before + 2, store.WalSyncs);
    }

    [Fact]
    public void Constructor_RollbackJournalDatabase_SynchronousFullAndNoLogSync()
    {
        var path = Path.Combine(Path.GetTempPath(), "evse-outbox-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
            using (var setup = new Microsoft.Data.Sqlite.SqliteConnection(connectionString))
            {
                setup.Open();
                SqliteOutboxStore.EnsureSchema(setup);
            }

            using var store = new SqliteOutboxStore(() => new Microsoft.Data.Sqlite.SqliteConnection(connectionString));
            Assert.Equal(2, store.SynchronousLevel());
            store.TryEnqueue(new(store.CreateTransaction(T0), OutboxMessageKind.StartTransaction, 0), """{"a":1}""", T0, out _);
            Assert.Equal(0, store.WalSyncs);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public void TryEnqueue_ThenReopen_HeadIsOldestPendingWithAllFields()
    {
        long tx;
        using (var store = _database.NewStore())
        {
            tx = store.CreateTransaction(T0);
            Assert.True(store.TryEnqueue(new(tx, OutboxMessageKind.StartTransaction, 0), """{"a":1}""", T0, out var first));
            Assert.True(store.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, 1), """{"b":2}""", T0.AddSeconds(1), out var second));
            Assert.True(second > first);
            store.RecordFailedAttempt(first, 2, T0.AddMinutes(3));
        }

        using var reopened = _database.NewStore();
        Assert.True(reopened.TryPeekHead(out var head));
        Assert.Equal(new OutboxMessageKey(tx, OutboxMessageKind.StartTransaction, 0), head.Key);
        Assert.Equal("""{"a":1}""", head.PayloadJson);
        Assert.Equal((T0, 2, (DateTimeOffset?)T0.AddMinutes(3)), (head.EnqueuedAt, head.FailedAttempts, head.NextAttemptAt));
        Assert.Equal(2, reopened.CountPending());
    }

    [Fact]
    public void TryPeekNext_AcrossPrefetchBatches_AlwaysTheNextPendingInOrder()
    {
        using var store = _database.NewStore();
        var tx = store.CreateTransaction(T0);
        var sequences = new List<long>();
        for (var i = 1; i <= 150; i++)
        {
            Assert.True(store.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, i), "{}", T0, out var sequence));
            sequences.Add(sequence);
        }

        for (var i = 0; i < sequences.Count; i++)
        {
            Assert.True(store.TryPeekHead(out var head));
            Assert.Equal(sequences[i], head.Sequence);
            var hasNext = store.TryPeekNext(head.Sequence, out var next);
            Assert.Equal(i < sequences.Count - 1, hasNext);
            if (hasNext)
            {
                Assert.Equal(sequences[i + 1], next!.Sequence);
            }

            Assert.False(store.TryPeekNext(head.Sequence + 1, out _));
            store.MarkDelivered(head.Sequence, T0);
        }

        Assert.False(store.TryPeekHead(out _));
        Assert.Equal(0, store.CountPending());
    }

    [Fact]
    public void TryEnqueue_SameKeyAfterDelivery_RefusedNothingWritten()
    {
        using var store = _database.NewStore();
        var tx = store.CreateTransaction(T0);
        var key = new OutboxMessageKey(tx, OutboxMessageKind.StopTransaction, 0);
        Assert.True(store.TryEnqueue(key, "{}", T0, out var sequence));
        store.MarkDelivered(sequence, T0);
        Assert.False(store.TryEnqueue(key, """{"again":true}""", T0, out _));
        Assert.Equal(0, store.CountPending());
    }

    [Fact]
    public void MarkStartDelivered_MapsCentralIdDurably()
    {
        long tx;
        using (var store = _database.NewStore())
        {
            tx = store.CreateTransaction(T0);
            store.TryEnqueue(new(tx, OutboxMessageKind.StartTransaction, 0), "{}", T0, out var sequence);
            store.MarkStartDelivered(sequence, tx, 4711, T0);
        }

        using var reopened = _database.NewStore();
        Assert.True(reopened.TryGetTransaction(tx, out var transaction));
        Assert.Equal((4711, false), (transaction.CentralTransactionId, transaction.Orphaned));
        Assert.False(reopened.TryPeekHead(out _));
    }

    [Fact]
    public void MarkDropped_Start_OrphansTransaction_MeterValues_DoesNot()
    {
        using var store = _database.NewStore();
        var a = store.CreateTransaction(T0);
        var b = store.CreateTransaction(T0);
        store.TryEnqueue(new(a, OutboxMessageKind.StartTransaction, 0), "{}", T0, out var start);
        store.TryEnqueue(new(b, OutboxMessageKind.MeterValues, 1), "{}", T0, out var meter);
        store.MarkDropped(start, "test", T0);
        store.MarkDropped(meter, "test", T0);
        Assert.True(store.TryGetTransaction(a, out var ta));
        Assert.True(store.TryGetTransaction(b, out var tb));
        Assert.Equal((true, false), (ta.Orphaned, tb.Orphaned));
    }

    [Fact]
    public void CreateTransaction_AfterPrune_IdsNeverReused()
    {
        using var store = _database.NewStore();
        var tx = store.CreateTransaction(T0);
        store.TryEnqueue(new(tx, OutboxMessageKind.StartTransaction, 0), "{}", T0, out var start);
        store.TryEnqueue(new(tx, OutboxMessageKind.StopTransaction, 0), "{}", T0, out var stop);
        store.MarkStartDelivered(start, tx, 1, T0);
        store.MarkDelivered(stop, T0);

        Assert.Equal(2, store.PruneCompleted(T0.AddDays(1)));
        Assert.False(store.TryGetTransaction(tx, out _));
        Assert.True(store.CreateTransaction(T0) > tx);
    }

    [Fact]
    public void PruneCompleted_TransactionWithoutStopOrStillPending_Kept()
    {
        using var store = _database.NewStore();
        var open = store.CreateTransaction(T0);
        store.TryEnqueue(new(open, OutboxMessageKind.StartTransaction, 0), "{}", T0, out var start);
        store.MarkStartDelivered(start, open, 1, T0);
        var pending = store.CreateTransaction(T0);
        store.TryEnqueue(new(pending, OutboxMessageKind.StopTransaction, 0), "{}", T0, out _);

        Assert.Equal(0, store.PruneCompleted(T0.AddDays(1)));
        Assert.True(store.TryGetTransaction(open, out _));
        Assert.True(store.TryGetTransaction(pending, out _));
    }

    [Fact]
    public void Schema_RunTwice_IsIdempotent()
    {
        using var connection = _database.Open();
        connection.Open();
        SqliteOutboxStore.EnsureSchema(connection);
        using var store = _database.NewStore();
        Assert.Equal(0, store.CountPending());
    }
}
