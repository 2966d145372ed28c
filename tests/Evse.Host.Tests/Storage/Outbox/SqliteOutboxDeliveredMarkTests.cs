using Evse.Host.Storage.Outbox;
using Evse.Ocpp.Outbox;

namespace Evse.Host.Tests.Storage.Outbox;

/// <summary>
/// The MeterValues and StopTransaction marks held in the watermark file, and the StartTransaction mark committed in the
/// background: what a restart would see (the table read by another connection, plus the file) while the pump marks
/// messages. It must always be exactly what was marked, except a StartTransaction whose commit is still running.
/// </summary>
public sealed class SqliteOutboxDeliveredMarkTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private const string Meter = """{"connectorId":1,"transactionId":0,"meterValue":[]}""";
    private readonly OutboxTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void MarkDelivered_MeterValues_DiskIsAlwaysExactlyWhatWasMarked()
    {
        using var store = _database.NewStore();
        var tx = store.CreateTransaction(T0);
        for (var m = 1; m <= 150; m++)
        {
            store.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
        }

        var marked = new List<long>();
        while (store.TryPeekHead(out var head))
        {
            Assert.DoesNotContain(head.Sequence, marked);
            store.MarkDelivered(head.Sequence, T0);
            marked.Add(head.Sequence);

            Assert.Equal(marked, DeliveredOnDisk());
        }

        Assert.Equal(150, marked.Count);
        Assert.Equal(0, store.CountPending());
    }

    [Fact]
    public void TryPeekHeadAndMarkDelivered_StopAfterPendingMeterMarks_EarlierMarksOnDiskBeforeStopIsSent()
    {
        using var store = _database.NewStore();
        var tx = store.CreateTransaction(T0);
        for (var m = 1; m <= 8; m++)
        {
            store.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
        }

        store.TryEnqueue(new(tx, OutboxMessageKind.StopTransaction, 0), """{"transactionId":0,"meterStop":1,"timestamp":"2026-01-05T09:00:00Z"}""", T0, out var stop);
        var marked = new List<long>();
        while (store.TryPeekHead(out var head))
        {
            if (head.Key.Kind == OutboxMessageKind.StopTransaction)
            {
                // Before the stop goes on the wire, every earlier mark is on disk: a cut now can resend only the stop.
                Assert.Equal(marked, DeliveredOnDisk());
            }

            store.MarkDelivered(head.Sequence, T0);
            marked.Add(head.Sequence);
        }

        Assert.Equal(stop, marked[^1]);
        Assert.Equal(marked, DeliveredOnDisk());
    }

    [Fact]
    public void Dispose_MarksPending_CommittedSoReopenedStoreIsEmpty()
    {
        using (var store = _database.NewStore())
        {
            var tx = store.CreateTransaction(T0);
            for (var m = 1; m <= 20; m++)
            {
                store.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
            }

            while (store.TryPeekHead(out var head))
            {
                store.MarkDelivered(head.Sequence, T0);
            }

            Assert.Equal(0, store.CountPending());
        }

        using var reopened = _database.NewStore();
        Assert.False(reopened.TryPeekHead(out _));
        Assert.Equal(20, DeliveredOnDisk().Count);
    }

    [Fact]
    public void TryPeekHead_RefillWhileMarksPending_NeverReturnsADeliveredMessage()
    {
        using var store = _database.NewStore();
        var tx = store.CreateTransaction(T0);
        for (var m = 1; m <= 200; m++)
        {
            store.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
        }

        // 200 heads with a 64-row prefetch: every refill reads the table while earlier marks may still be in memory.
        var previous = 0L;
        var count = 0;
        while (store.TryPeekHead(out var head))
        {
            Assert.True(head.Sequence > previous, $"head {head.Sequence} after {previous}");
            Assert.Equal(200 - count, store.CountPending());
            store.MarkDelivered(head.Sequence, T0);
            previous = head.Sequence;
            count++;
        }

        Assert.Equal(200, count);
    }

    [Fact]
    public void MarkDelivered_MeterValues_NothingJournalledPerMessageAndTheNextWriteMarksOnlyTheNewest()
    {
        using var store = _database.NewStore();
        var tx = store.CreateTransaction(T0);
        for (var m = 1; m <= 10; m++)
        {
            store.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
        }

        var marked = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(store.TryPeekHead(out var head));
            store.MarkDelivered(head.Sequence, T0);
            marked.Add(head.Sequence);
        }

        // Nothing journalled per message: the table still says pending, the file says where delivery got to.
        Assert.Empty(DeliveredInTable());
        Assert.Equal(marked[^1], WatermarkSequence());
        Assert.Equal(marked, DeliveredOnDisk());

        // The next durable write marks the newest row only: it vouches for the nine before it at a restart.
        store.TryEnqueue(new(tx, OutboxMessageKind.StopTransaction, 0), Stop, T0, out _);
        Assert.Equal([marked[^1]], DeliveredInTable());
        Assert.Equal(marked, DeliveredOnDisk());
    }

    [Fact]
    public void TryPeekHead_QueueEmptyWithMarksInTheWatermark_TableCatchesUpInOneCommit()
    {
        using var store = _database.NewStore();
        var tx = store.CreateTransaction(T0);
        for (var m = 1; m <= 10; m++)
        {
            store.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
        }

        while (store.TryPeekHead(out var head))
        {
            store.MarkDelivered(head.Sequence, T0);
        }

        Assert.Equal(10, DeliveredInTable().Count);
        Assert.Equal(0, store.CountPending());
    }

    [Fact]
    public void Constructor_KillToreTheNewestSlot_RestartUsesTheMarkBeforeIt()
    {
        var killed = _database.NewStore();
        var tx = killed.CreateTransaction(T0);
        for (var m = 1; m <= 5; m++)
        {
            killed.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
        }

        var marked = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(killed.TryPeekHead(out var head));
            killed.MarkDelivered(head.Sequence, T0);
            marked.Add(head.Sequence);
        }

        // The kill lands inside the third mark: one field of its slot (the third write went to slot 1) is still old.
        using (var file = new FileStream(WatermarkPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            file.Position = 64 + 16;
            file.Write(BitConverter.GetBytes(marked[0]));
        }

        Assert.Equal(marked[1], WatermarkSequence());
        GC.KeepAlive(killed);

        using var reopened = _database.NewStore();
        Assert.True(reopened.TryPeekHead(out var next));
        Assert.Equal(new OutboxMessageKey(tx, OutboxMessageKind.MeterValues, 3), next.Key);
        Assert.Equal(3, reopened.CountPending());
    }

    [Fact]
    public void Constructor_AfterAKillWithMarksOnlyInTheWatermark_DeliveredMeterValuesAreNotSentAgain()
    {
        var killed = _database.NewStore();
        var tx = killed.CreateTransaction(T0);
        for (var m = 1; m <= 5; m++)
        {
            killed.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
        }

        killed.TryEnqueue(new(tx, OutboxMessageKind.StopTransaction, 0), Stop, T0, out var stop);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(killed.TryPeekHead(out var head));
            killed.MarkDelivered(head.Sequence, T0);
        }

        // No Dispose: the process dies here. A new store on the same files starts at the fourth MeterValues.
        using var reopened = _database.NewStore();
        Assert.True(reopened.TryPeekHead(out var next));
        Assert.Equal(new OutboxMessageKey(tx, OutboxMessageKind.MeterValues, 4), next.Key);
        Assert.Equal(3, reopened.CountPending());
        Assert.Equal(3, DeliveredInTable().Count);
        Assert.True(stop > next.Sequence);
        GC.KeepAlive(killed);
    }

    [Fact]
    public void Constructor_WatermarkNamingAMessageOfAnotherDatabase_IsIgnored()
    {
        using (var store = _database.NewStore())
        {
            var tx = store.CreateTransaction(T0);
            for (var m = 1; m <= 3; m++)
            {
                store.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
            }
        }

        // A file left from an older database: its sequence 3 here is a different message (another transaction's).
        var stale = new byte[24];
        BitConverter.TryWriteBytes(stale.AsSpan(0), 3L);
        BitConverter.TryWriteBytes(stale.AsSpan(8), 99L);
        BitConverter.TryWriteBytes(stale.AsSpan(16), (int)OutboxMessageKind.MeterValues);
        BitConverter.TryWriteBytes(stale.AsSpan(20), 3);
        File.WriteAllBytes(WatermarkPath, stale);

        using var reopened = _database.NewStore();
        Assert.Equal(3, reopened.CountPending());
        Assert.Empty(DeliveredInTable());
    }

    [Fact]
    public void MarkDelivered_StopTransaction_OnDiskThroughTheWatermarkWithoutACommit()
    {
        using var store = _database.NewStore();
        var tx = store.CreateTransaction(T0);
        for (var m = 1; m <= 3; m++)
        {
            store.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
        }

        store.TryEnqueue(new(tx, OutboxMessageKind.StopTransaction, 0), Stop, T0, out var stop);
        store.TryEnqueue(new(store.CreateTransaction(T0), OutboxMessageKind.StartTransaction, 0), Start, T0, out var next);
        var marked = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            Assert.True(store.TryPeekHead(out var head));
            store.MarkDelivered(head.Sequence, T0);
            marked.Add(head.Sequence);
        }

        var syncs = store.WalSyncs;
        Assert.Equal(stop, marked[^1]);
        Assert.Equal(stop, WatermarkSequence());
        Assert.DoesNotContain(stop, DeliveredInTable());
        Assert.Equal(marked, DeliveredOnDisk());
        Assert.Equal(syncs, store.WalSyncs);
        Assert.True(store.TryPeekHead(out var after));
        Assert.Equal(next, after.Sequence);
        Assert.Equal(1, store.CountPending());
    }

    [Fact]
    public void Constructor_AfterAKillRightAfterTheStopMark_StopIsNotSentAgain()
    {
        var killed = _database.NewStore();
        var tx = killed.CreateTransaction(T0);
        killed.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, 1), Meter, T0, out _);
        killed.TryEnqueue(new(tx, OutboxMessageKind.StopTransaction, 0), Stop, T0, out var stop);
        killed.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, 2), Meter, T0, out var late);
        for (var i = 0; i < 2; i++)
        {
            Assert.True(killed.TryPeekHead(out var head));
            killed.MarkDelivered(head.Sequence, T0);
        }

        // No Dispose: the process dies here, the table still reads the stop as pending.
        Assert.DoesNotContain(stop, DeliveredInTable());
        using var reopened = _database.NewStore();
        Assert.True(reopened.TryPeekHead(out var head2));
        Assert.Equal(late, head2.Sequence);
        Assert.Contains(stop, DeliveredInTable());
        Assert.Equal(1, reopened.CountPending());
        GC.KeepAlive(killed);
    }

    [Fact]
    public async Task MarkStartDeliveredAsync_CommitHeldUp_MeterValuesGoOnAndTheMarkLandsAfterwards()
    {
        using var store = _database.NewStore();
        var tx = store.CreateTransaction(T0);
        store.TryEnqueue(new(tx, OutboxMessageKind.StartTransaction, 0), Start, T0, out var start);
        // More than one prefetch batch (64 rows): the refill reads beside the held commit, on its own connection.
        for (var m = 1; m <= 100; m++)
        {
            store.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
        }

        Assert.True(store.TryGetTransaction(tx, out _));
        Assert.True(store.TryPeekHead(out var head));
        Assert.Equal(start, head.Sequence);

        using var blocker = HoldWriteLock();

        var onDisk = store.MarkStartDeliveredAsync(start, tx, 4711, T0);
        Assert.True(store.TryGetTransaction(tx, out var mapped));
        Assert.Equal(4711, mapped.CentralTransactionId);
        var previous = start;
        for (var i = 0; i < 100; i++)
        {
            Assert.True(store.TryPeekHead(out var meter));
            Assert.Equal(OutboxMessageKind.MeterValues, meter.Key.Kind);
            store.MarkDelivered(meter.Sequence, T0);
            Assert.True(meter.Sequence > previous);
            previous = meter.Sequence;
        }

        // (CountPending would wait here: it reads the table through the connection the commit holds.)
        Assert.False(onDisk.IsCompleted);
        Assert.DoesNotContain(start, DeliveredInTable());

        Release(blocker);

        await onDisk.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(start, DeliveredInTable());
        Assert.Equal(4711, CentralIdInTable(tx));
        Assert.Equal(0, store.CountPending());
    }

    [Fact]
    public void Constructor_KillBeforeTheBackgroundStartCommit_TheWatermarkCarriesTheIdAndNothingIsSentAgain()
    {
        var killed = _database.NewStore();
        var tx = killed.CreateTransaction(T0);
        killed.TryEnqueue(new(tx, OutboxMessageKind.StartTransaction, 0), Start, T0, out var start);
        for (var m = 1; m <= 3; m++)
        {
            killed.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, m), Meter, T0, out _);
        }

        Assert.True(killed.TryGetTransaction(tx, out _));
        Assert.True(killed.TryPeekHead(out _));
        using var blocker = HoldWriteLock();

        _ = killed.MarkStartDeliveredAsync(start, tx, 4711, T0);
        for (var i = 0; i < 2; i++)
        {
            Assert.True(killed.TryPeekHead(out var meter));
            killed.MarkDelivered(meter.Sequence, T0);
        }

        // The process dies with the commit still waiting: the files as they are now are what a restart finds.
        var copy = CopyFilesAsAKillLeavesThem();

        Release(blocker);

        GC.KeepAlive(killed);
        using var reopened = OpenStore(copy);
        Assert.True(reopened.TryGetTransaction(tx, out var mapped));
        Assert.Equal(4711, mapped.CentralTransactionId);
        Assert.True(reopened.TryPeekHead(out var rest));
        Assert.Equal(new OutboxMessageKey(tx, OutboxMessageKind.MeterValues, 3), rest.Key);
        Assert.Equal(1, reopened.CountPending());
    }

    [Fact]
    public void Constructor_KillAfterTheStartAnswerBeforeAnyOtherMark_StartIsSentAgain()
    {
        var killed = _database.NewStore();
        var tx = killed.CreateTransaction(T0);
        killed.TryEnqueue(new(tx, OutboxMessageKind.StartTransaction, 0), Start, T0, out var start);
        killed.TryEnqueue(new(tx, OutboxMessageKind.MeterValues, 1), Meter, T0, out _);
        Assert.True(killed.TryGetTransaction(tx, out _));
        Assert.True(killed.TryPeekHead(out _));
        using var blocker = HoldWriteLock();

        _ = killed.MarkStartDeliveredAsync(start, tx, 4711, T0);
        var copy = CopyFilesAsAKillLeavesThem();

        Release(blocker);

        // Nothing on disk says it was answered (as when a kill lands between the answer and a synchronous commit).
        GC.KeepAlive(killed);
        using var reopened = OpenStore(copy);
        Assert.True(reopened.TryPeekHead(out var again));
        Assert.Equal(start, again.Sequence);
        Assert.True(reopened.TryGetTransaction(tx, out var unmapped));
        Assert.Null(unmapped.CentralTransactionId);
    }

    /// <summary>Another connection takes the write lock, so the store's background commit waits (busy timeout) until released.</summary>
    private Microsoft.Data.Sqlite.SqliteConnection HoldWriteLock()
    {
        var connection = _database.Open();
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.ExecuteNonQuery();
        return connection;
    }

    private static void Release(Microsoft.Data.Sqlite.SqliteConnection blocker)
    {
        using var rollback = blocker.CreateCommand();
        rollback.CommandText = "ROLLBACK;";
        rollback.ExecuteNonQuery();
    }

    /// <summary>The database, its log and the watermark file as they are now, copied beside them; returns the copy's path.</summary>
    private string CopyFilesAsAKillLeavesThem()
    {
        var copy = _database.FilePath + ".killed";
        foreach (var suffix in new[] { "", "-wal", ".delivered" })
        {
            if (File.Exists(_database.FilePath + suffix))
            {
                File.Copy(_database.FilePath + suffix, copy + suffix);
            }
        }

        return copy;
    }

    private static SqliteOutboxStore OpenStore(string path) =>
        new(() => new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()));

    private long? CentralIdInTable(long localTransactionId)
    {
        using var connection = _database.Open();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT central_id FROM outbox_transactions WHERE local_id = {localTransactionId};";
        return command.ExecuteScalar() is long id ? id : null;
    }

    private const string Stop = """{"transactionId":0,"meterStop":1,"timestamp":"2026-01-05T09:00:00Z"}""";

    private const string Start = """{"connectorId":1,"idTag":"CARD","meterStart":0,"timestamp":"2026-01-05T08:00:00Z"}""";

    private string WatermarkPath => _database.FilePath + ".delivered";

    private long WatermarkSequence() => DeliveredWatermarkFile.ReadSequence(WatermarkPath);

    /// <summary>
    /// What a restart treats as delivered: the table, plus every MeterValues and StopTransaction at or before the newest
    /// one that the table or the watermark file says was delivered.
    /// </summary>
    private List<long> DeliveredOnDisk()
    {
        var start = (int)OutboxMessageKind.StartTransaction;
        var newestInTable = Query($"SELECT IFNULL(MAX(sequence), 0) FROM outbox_messages WHERE state = 1 AND kind <> {start};").Single();
        var through = Math.Max(newestInTable, WatermarkSequence());
        var sequences = DeliveredInTable();
        sequences.AddRange(Query($"SELECT sequence FROM outbox_messages WHERE state = 0 AND kind <> {start} AND sequence <= {through} ORDER BY sequence;"));
        sequences.Sort();
        return sequences;
    }

    private List<long> DeliveredInTable() => Query("SELECT sequence FROM outbox_messages WHERE state = 1 ORDER BY sequence;");

    private List<long> Query(string sql)
    {
        using var connection = _database.Open();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var sequences = new List<long>();
        while (reader.Read())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }
}
