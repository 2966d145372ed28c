using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Evse.Ocpp.Outbox;
using Evse.Testing;

namespace Evse.Ocpp.Tests.Outbox;

/// <summary>
/// The outbox prepares the next message while the current one awaits its answer. These tests use a sender whose answer
/// comes later (as over a real link), which is the only case where that happens.
/// </summary>
public sealed class TransactionOutboxPrepareAheadTests : IDisposable
{
    private const string StartPayload = """{"connectorId":1,"idTag":"CARD1","meterStart":100,"timestamp":"2026-01-05T08:00:00Z"}""";
    private const string StopPayload = """{"transactionId":-1,"idTag":"CARD1","meterStop":900,"timestamp":"2026-01-05T09:00:00Z","reason":"Local"}""";

    private readonly FakeTimeProvider _time = new();
    private readonly PeekCountingStore _store = new(new InMemoryOutboxStore());
    private readonly LateAnsweringSender _sender = new();
    private readonly TransactionOutbox _outbox;

    public TransactionOutboxPrepareAheadTests() =>
        _outbox = new TransactionOutbox(_store, _sender, () => new OutboxRetryPolicy(3, TimeSpan.FromSeconds(60)), _time, new RecordingLogger<TransactionOutbox>());

    public void Dispose() => _outbox.Dispose();

    private static string Meter(int energyWh) =>
        $$"""{"connectorId":1,"transactionId":-1,"meterValue":[{"timestamp":"2026-01-05T08:30:00Z","sampledValue":[{"value":"{{energyWh}}"}]}]}""";

    private long Session(int meterValues)
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        for (var i = 1; i <= meterValues; i++)
        {
            _outbox.Enqueue(new(tx, OutboxMessageKind.MeterValues, i), Meter(100 + i));
        }

        _outbox.Enqueue(new(tx, OutboxMessageKind.StopTransaction, 0), StopPayload);
        return tx;
    }

    /// <summary>Pumps until empty, answering each CALL only after the pump has started waiting for it.</summary>
    private async Task DrainAsync()
    {
        for (var i = 0; i < 1000; i++)
        {
            var pump = _outbox.PumpOnceAsync(CancellationToken.None);
            _sender.AnswerPending();
            var result = await pump;
            if (result.Status == OutboxPumpStatus.Empty)
            {
                return;
            }

            if (result.Status == OutboxPumpStatus.Waiting)
            {
                _time.SetUtcNow(result.NextAttemptAt!.Value);
            }
        }

        throw new InvalidOperationException("The queue does not drain.");
    }

    [Fact]
    public async Task PumpOnce_AnswerComesLater_NextMessagesPreparedAheadWithMappedIdsInOrder()
    {
        Session(3);
        Session(2);

        await DrainAsync();

        Assert.Equal(
            ["StartTransaction", "MeterValues", "MeterValues", "MeterValues", "StopTransaction", "StartTransaction", "MeterValues", "MeterValues", "StopTransaction"],
            _sender.Received.Select(r => r.Action));
        // Looked ahead behind every message of a mapped transaction that has a successor: MeterValues 1-3 and the
        // StopTransaction of the first session (its successor, the next StartTransaction, is not prepared), MeterValues
        // 1-2 of the second; never behind a StartTransaction, whose id is not known yet.
        Assert.Equal(6, _store.PeekedNext);
        var ids = _sender.Received.Select(r => JsonNode.Parse(r.Payload)!["transactionId"]?.GetValue<int>()).ToList();
        Assert.Equal([null, 5000, 5000, 5000, 5000, null, 5001, 5001, 5001], ids);
        Assert.Equal("101", JsonNode.Parse(_sender.Received[1].Payload)!["meterValue"]![0]!["sampledValue"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("103", JsonNode.Parse(_sender.Received[3].Payload)!["meterValue"]![0]!["sampledValue"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task PumpOnce_MessageFailsAfterNextWasPrepared_FailedOneResentBeforeThePreparedOne()
    {
        Session(2);
        _sender.FailAt = 2; // the first MeterValues, while the second is being prepared

        await DrainAsync();

        Assert.Equal(["StartTransaction", "MeterValues", "MeterValues", "MeterValues", "StopTransaction"], _sender.Received.Select(r => r.Action));
        var values = _sender.Received.Skip(1).Take(3).Select(r => JsonNode.Parse(r.Payload)!["meterValue"]![0]!["sampledValue"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(["101", "101", "102"], values);
        Assert.True(_store.PeekedNext > 0);
    }

    /// <summary>Answers a CALL only when the test says so, i.e. after the outbox has gone on to wait for it.</summary>
    private sealed class LateAnsweringSender : IOutboxSender
    {
        private TaskCompletionSource<OutboxSendResult>? _pending;
        private int _nextTransactionId = 5000;

        public List<(string Action, string Payload)> Received { get; } = [];

        /// <summary>The 1-based number of the CALL answered with a CALLERROR; 0 for none.</summary>
        public int FailAt { get; set; }

        public Task<OutboxSendResult> SendAsync(string action, string payloadJson, CancellationToken cancellationToken)
        {
            Received.Add((action, payloadJson));
            _pending = new TaskCompletionSource<OutboxSendResult>();
            return _pending.Task;
        }

        public void AnswerPending()
        {
            if (Interlocked.Exchange(ref _pending, null) is not { } pending)
            {
                return;
            }

            var (action, _) = Received[^1];
            pending.SetResult(
                Received.Count == FailAt ? OutboxSendResult.CallError("InternalError", "busy")
                : action == "StartTransaction" ? OutboxSendResult.Confirmed($$"""{"idTagInfo":{"status":"Accepted"},"transactionId":{{_nextTransactionId++}}}""")
                : OutboxSendResult.Confirmed("{}"));
        }
    }

    /// <summary>Counts the look-aheads the store answered, so a test can tell the prepared path was taken.</summary>
    private sealed class PeekCountingStore(IOutboxStore inner) : IOutboxStore
    {
        public int PeekedNext { get; private set; }

        public long CreateTransaction(DateTimeOffset createdAt) => inner.CreateTransaction(createdAt);

        public bool TryGetTransaction(long localTransactionId, [NotNullWhen(true)] out OutboxTransaction? transaction) => inner.TryGetTransaction(localTransactionId, out transaction);

        public bool TryEnqueue(OutboxMessageKey key, string payloadJson, DateTimeOffset enqueuedAt, out long sequence) => inner.TryEnqueue(key, payloadJson, enqueuedAt, out sequence);

        public bool TryPeekHead([NotNullWhen(true)] out OutboxEntry? entry) => inner.TryPeekHead(out entry);

        public bool TryPeekNext(long sequence, [NotNullWhen(true)] out OutboxEntry? entry)
        {
            var found = inner.TryPeekNext(sequence, out entry);
            PeekedNext += found ? 1 : 0;
            return found;
        }

        public int CountPending() => inner.CountPending();

        public void RecordFailedAttempt(long sequence, int failedAttempts, DateTimeOffset nextAttemptAt) => inner.RecordFailedAttempt(sequence, failedAttempts, nextAttemptAt);

        public void MarkDelivered(long sequence, DateTimeOffset deliveredAt) => inner.MarkDelivered(sequence, deliveredAt);

        public void MarkStartDelivered(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt) =>
            inner.MarkStartDelivered(sequence, localTransactionId, centralTransactionId, deliveredAt);

        public void MarkDropped(long sequence, string reason, DateTimeOffset droppedAt) => inner.MarkDropped(sequence, reason, droppedAt);

        public int PruneCompleted(DateTimeOffset completedBefore, int maxTransactions = int.MaxValue) => inner.PruneCompleted(completedBefore, maxTransactions);
    }
}
