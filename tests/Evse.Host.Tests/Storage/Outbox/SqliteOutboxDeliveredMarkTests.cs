using Evse.Host.Storage.Outbox;
using Evse.Ocpp.Outbox;

namespace Evse.Host.Tests.Storage.Outbox;

/// <summary>
/// The group-committed MeterValues marks: what another connection (the database as a kill or power cut would leave it)
/// sees while the pump marks messages. It must always be a prefix of what was marked, short of at most the window.
/// </summary>
public sealed class SqliteOutboxDeliveredMarkTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private const string Meter = """{"connectorId":1,"transactionId":0,"meterValue":[]}""";
    private readonly OutboxTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void MarkDelivered_MeterValues_DiskIsAPrefixShortOfAtMostTheWindow(int window)
    {
        using var store = new SqliteOutboxStore(_database.Open, window);
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

            var onDisk = DeliveredOnDisk();
            Assert.Equal(marked.Take(onDisk.Count), onDisk);
            Assert.True(marked.Count - onDisk.Count <= window, $"{marked.Count - onDisk.Count} marks not on disk, window {window}");
        }

        Assert.Equal(150, marked.Count);
        Assert.Equal(0, store.CountPending());
    }

    [Fact]
    public void TryPeekHeadAndMarkDelivered_StopAfterPendingMeterMarks_EarlierMarksOnDiskBeforeStopIsSent()
    {
        using var store = new SqliteOutboxStore(_database.Open, deliveredMarkWindow: 10);
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
        using (var store = new SqliteOutboxStore(_database.Open, deliveredMarkWindow: 100))
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
        using var store = new SqliteOutboxStore(_database.Open, deliveredMarkWindow: 1000);
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

    private List<long> DeliveredOnDisk()
    {
        using var connection = _database.Open();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence FROM outbox_messages WHERE state = 1 ORDER BY sequence;";
        using var reader = command.ExecuteReader();
        var sequences = new List<long>();
        while (reader.Read())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }
}
