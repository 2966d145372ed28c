using Evse.Host.Storage.Outbox;
using Evse.Ocpp.Outbox;

namespace Evse.Host.Tests.Storage.Outbox;

/// <summary>
/// The MeterValues marks held in the watermark file: what a restart would see (the table read by another connection,
/// plus the file) while the pump marks messages. It must always be exactly what was marked.
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

    private const string Stop = """{"transactionId":0,"meterStop":1,"timestamp":"2026-01-05T09:00:00Z"}""";

    private string WatermarkPath => _database.FilePath + ".delivered";

    private long WatermarkSequence() => DeliveredWatermarkFile.ReadSequence(WatermarkPath);

    /// <summary>
    /// What a restart treats as delivered: the table, plus every MeterValues at or before the newest one that the table
    /// or the watermark file says was delivered.
    /// </summary>
    private List<long> DeliveredOnDisk()
    {
        var meter = (int)OutboxMessageKind.MeterValues;
        var newestInTable = Query($"SELECT IFNULL(MAX(sequence), 0) FROM outbox_messages WHERE state = 1 AND kind = {meter};").Single();
        var through = Math.Max(newestInTable, WatermarkSequence());
        var sequences = DeliveredInTable();
        sequences.AddRange(Query($"SELECT sequence FROM outbox_messages WHERE state = 0 AND kind = {meter} AND sequence <= {through} ORDER BY sequence;"));
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
