using System.Text.Json.Nodes;
using Evse.Ocpp.Outbox;
using Evse.Testing;
using Moq;

namespace Evse.Ocpp.Tests.Outbox;

public sealed class TransactionOutboxTests : IDisposable
{
    private const string StartPayload = """{"connectorId":1,"idTag":"CARD1","meterStart":100,"timestamp":"2026-01-05T08:00:00Z"}""";
    private const string StopPayload = """{"transactionId":-1,"idTag":"CARD1","meterStop":900,"timestamp":"2026-01-05T09:00:00Z","reason":"Local"}""";

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryOutboxStore _store = new();
    private readonly ScriptedCentralSystem _cs = new();
    private readonly RecordingLogger<TransactionOutbox> _logger = new();
    private OutboxRetryPolicy _policy = new(3, TimeSpan.FromSeconds(60));
    private TransactionOutbox _outbox;

    public TransactionOutboxTests() => _outbox = NewOutbox();

    public void Dispose() => _outbox.Dispose();

    private static string Meter(int energyWh) =>
        $$"""{"connectorId":1,"transactionId":-1,"meterValue":[{"timestamp":"2026-01-05T08:30:00Z","sampledValue":[{"value":"{{energyWh}}"}]}]}""";

    private TransactionOutbox NewOutbox() => new(_store, _cs, () => _policy, _time, _logger);

    private async Task DrainAsync()
    {
        for (var i = 0; i < 1000; i++)
        {
            var result = await _outbox.PumpOnceAsync(CancellationToken.None);
            switch (result.Status)
            {
                case OutboxPumpStatus.Empty:
                    return;
                case OutboxPumpStatus.Waiting:
                    _time.SetUtcNow(result.NextAttemptAt!.Value);
                    break;
                case OutboxPumpStatus.Offline:
                    throw new InvalidOperationException("Offline while draining.");
            }
        }

        throw new InvalidOperationException("The queue does not drain.");
    }

    [Fact]
    public async Task PumpOnce_ThreeMessages_SentInEnqueueOrder()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _outbox.Enqueue(new(tx, OutboxMessageKind.MeterValues, 1), Meter(200));
        _outbox.Enqueue(new(tx, OutboxMessageKind.StopTransaction, 0), StopPayload);

        await DrainAsync();

        Assert.Equal(["StartTransaction", "MeterValues", "StopTransaction"], _cs.Received.Select(r => r.Action));
        Assert.Equal(0, _outbox.PendingCount);
        Assert.Empty(_logger.Errors);
    }

    [Fact]
    public async Task Enqueue_SameKeyAgainEvenAfterDelivery_DuplicateAndSentOnce()
    {
        var tx = _outbox.BeginTransaction();
        Assert.Equal(OutboxEnqueueResult.Enqueued, _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload));
        Assert.Equal(OutboxEnqueueResult.Duplicate, _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload));
        await DrainAsync();
        Assert.Equal(OutboxEnqueueResult.Duplicate, _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload));
        await DrainAsync();

        Assert.Single(_cs.Received);
    }

    [Fact]
    public void Enqueue_TransactionNeverBegun_UnknownTransaction()
    {
        Assert.Equal(OutboxEnqueueResult.UnknownTransaction, _outbox.Enqueue(new(77, OutboxMessageKind.StopTransaction, 0), StopPayload));
        Assert.Equal(0, _outbox.PendingCount);
    }

    [Fact]
    public void Enqueue_PayloadNotAJsonObject_Throws()
    {
        var tx = _outbox.BeginTransaction();
        Assert.Throws<ArgumentException>(() => _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), "[1,2]"));
        Assert.Throws<ArgumentException>(() => _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), "{oops"));
    }

    [Fact]
    public void Enqueue_PayloadBreaksTheRequestSchema_ThrowsAndStoresNothing()
    {
        var tx = _outbox.BeginTransaction();

        // StartTransaction requires idTag; StopTransaction's meterStop must be an integer.
        Assert.Throws<ArgumentException>(() => _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), """{"connectorId":1,"meterStart":0,"timestamp":"2026-01-05T08:00:00Z"}"""));
        Assert.Throws<ArgumentException>(() => _outbox.Enqueue(new(tx, OutboxMessageKind.StopTransaction, 0), """{"transactionId":1,"meterStop":"900","timestamp":"2026-01-05T09:00:00Z"}"""));
        Assert.Equal(0, _outbox.PendingCount);
    }

    [Fact]
    public async Task PumpOnce_TransactionIdInNestedValues_OnlyTopLevelIdRewritten()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        const string Meter = """{"connectorId":1,"transactionId":-1,"meterValue":[{"timestamp":"2026-01-05T08:30:00Z","sampledValue":[{"value":"transactionId\"x","unit":"Wh"}]}]}""";
        _outbox.Enqueue(new(tx, OutboxMessageKind.MeterValues, 1), Meter);

        await DrainAsync();

        var sent = JsonNode.Parse(_cs.Received[1].Payload)!;
        Assert.Equal(1000, (int)sent["transactionId"]!);
        Assert.Equal("transactionId\"x", (string)sent["meterValue"]![0]!["sampledValue"]![0]!["value"]!);
        Assert.Equal(1, (int)sent["connectorId"]!);
    }

    [Fact]
    public async Task PumpOnce_OfflineSessionThenOnline_StopAndMetersCarryCentralSystemId()
    {
        _cs.Online = false;
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _outbox.Enqueue(new(tx, OutboxMessageKind.MeterValues, 1), Meter(300));
        _outbox.Enqueue(new(tx, OutboxMessageKind.MeterValues, 2), Meter(500));
        _outbox.Enqueue(new(tx, OutboxMessageKind.StopTransaction, 0), StopPayload);
        Assert.Equal(OutboxPumpStatus.Offline, (await _outbox.PumpOnceAsync(CancellationToken.None)).Status);
        Assert.False(_outbox.TryGetCentralTransactionId(tx, out _));

        _cs.Online = true;
        await DrainAsync();

        Assert.True(_outbox.TryGetCentralTransactionId(tx, out var central));
        Assert.Equal(1000, central);
        Assert.All(_cs.Payloads("MeterValues"), p => Assert.Equal(1000, (int)p["transactionId"]!));
        Assert.Equal(1000, (int)_cs.Payloads("StopTransaction").Single()["transactionId"]!);
        Assert.Equal(["300", "500"], _cs.Payloads("MeterValues").Select(p => (string)p["meterValue"]![0]!["sampledValue"]![0]!["value"]!));
    }

    [Fact]
    public async Task PumpOnce_MeterValuesWithoutTransactionIdField_FieldAdded()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _outbox.Enqueue(new(tx, OutboxMessageKind.MeterValues, 1), """{"connectorId":1,"meterValue":[]}""");
        await DrainAsync();
        Assert.Equal("""{"connectorId":1,"meterValue":[],"transactionId":1000}""", _cs.Received[1].Payload);
    }

    [Fact]
    public async Task PumpOnce_CallErrors_RetryAfterIntervalTimesFailuresThenDiscard()
    {
        var start = _time.GetUtcNow();
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _cs.FailNext = 3;

        var first = await _outbox.PumpOnceAsync(CancellationToken.None);
        Assert.Equal((OutboxPumpStatus.Waiting, start + TimeSpan.FromSeconds(60)), (first.Status, first.NextAttemptAt!.Value));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(OutboxPumpStatus.Waiting, (await _outbox.PumpOnceAsync(CancellationToken.None)).Status);
        Assert.Single(_cs.Received);

        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await _outbox.PumpOnceAsync(CancellationToken.None);
        Assert.Equal(start + TimeSpan.FromSeconds(60 + 120), second.NextAttemptAt);

        _time.Advance(TimeSpan.FromSeconds(120));
        Assert.Equal(OutboxPumpStatus.Dropped, (await _outbox.PumpOnceAsync(CancellationToken.None)).Status);
        Assert.Equal(3, _cs.Received.Count);
        Assert.Contains(_logger.Entries, e => e.Id.Id == 4355);
    }

    [Fact]
    public async Task PumpOnce_RetryPolicyChangedBetweenFailures_NewIntervalUsedAtOnce()
    {
        var start = _time.GetUtcNow();
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _cs.FailNext = 1;
        _policy = new OutboxRetryPolicy(5, TimeSpan.FromSeconds(7));
        var result = await _outbox.PumpOnceAsync(CancellationToken.None);
        Assert.Equal(start + TimeSpan.FromSeconds(7), result.NextAttemptAt);
    }

    [Fact]
    public async Task PumpOnce_FailuresBelowAttempts_DeliveredOnLastTry()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _cs.FailNext = 2;
        await DrainAsync();
        Assert.True(_outbox.TryGetCentralTransactionId(tx, out _));
        Assert.Equal(3, _cs.Received.Count);
    }

    [Fact]
    public async Task PumpOnce_StartDiscarded_RestOfItsTransactionDiscardedNextTransactionSent()
    {
        var dropped = new List<OutboxDroppedEventArgs>();
        _outbox.Dropped += (_, e) => dropped.Add(e);
        var first = _outbox.BeginTransaction();
        _outbox.Enqueue(new(first, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _outbox.Enqueue(new(first, OutboxMessageKind.MeterValues, 1), Meter(300));
        _outbox.Enqueue(new(first, OutboxMessageKind.StopTransaction, 0), StopPayload);
        var second = _outbox.BeginTransaction();
        _outbox.Enqueue(new(second, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _cs.FailNext = 3;

        await DrainAsync();

        Assert.Equal(
            [OutboxMessageKind.StartTransaction, OutboxMessageKind.MeterValues, OutboxMessageKind.StopTransaction],
            dropped.Select(d => d.Entry.Key.Kind));
        Assert.Equal(4, _cs.Received.Count);
        Assert.True(_outbox.TryGetCentralTransactionId(second, out _));
    }

    [Fact]
    public async Task PumpOnce_Timeouts_NeverCountedNeverDiscarded()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _cs.TimeoutNext = 10;

        for (var i = 0; i < 10; i++)
        {
            var now = _time.GetUtcNow();
            var result = await _outbox.PumpOnceAsync(CancellationToken.None);
            Assert.Equal((OutboxPumpStatus.Waiting, now + TimeSpan.FromSeconds(60)), (result.Status, result.NextAttemptAt!.Value));
            _time.Advance(TimeSpan.FromSeconds(60));
        }

        Assert.True(_store.TryPeekHead(out var head));
        Assert.Equal(0, head.FailedAttempts);
    }

    [Fact]
    public async Task PumpOnce_TenTimeoutsThenAnswer_Delivered()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _cs.TimeoutNext = 10;
        await DrainAsync();
        Assert.True(_outbox.TryGetCentralTransactionId(tx, out _));
    }

    [Fact]
    public async Task PumpOnce_Offline_NothingCounted()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _cs.Online = false;
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(OutboxPumpStatus.Offline, (await _outbox.PumpOnceAsync(CancellationToken.None)).Status);
        }

        Assert.True(_store.TryPeekHead(out var head));
        Assert.Equal((0, (DateTimeOffset?)null), (head.FailedAttempts, head.NextAttemptAt));
    }

    [Fact]
    public async Task PumpOnce_StartConfirmationWithoutTransactionId_CountsAsFailure()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _cs.ConfirmationOverride = (_, _) => """{"idTagInfo":{"status":"Accepted"}}""";
        var result = await _outbox.PumpOnceAsync(CancellationToken.None);
        Assert.Equal(OutboxPumpStatus.Waiting, result.Status);
        Assert.Equal(1, result.Entry!.FailedAttempts);
    }

    [Fact]
    public async Task Delivered_StartConfirmed_CarriesCentralIdAndConfirmation()
    {
        var seen = new List<OutboxDeliveredEventArgs>();
        _outbox.Delivered += (_, e) => seen.Add(e);
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        await DrainAsync();
        var delivered = Assert.Single(seen);
        Assert.Equal(1000, delivered.CentralTransactionId);
        Assert.Equal("Accepted", (string)JsonNode.Parse(delivered.ConfirmationJson)!["idTagInfo"]!["status"]!);
    }

    [Fact]
    public async Task PumpOnce_StopWithoutStart_DiscardedNotSent()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StopTransaction, 0), StopPayload);
        Assert.Equal(OutboxPumpStatus.Dropped, (await _outbox.PumpOnceAsync(CancellationToken.None)).Status);
        Assert.Empty(_cs.Received);
    }

    [Fact]
    public async Task Constructor_Restart_KeepsOrderAndFailedAttempts()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _outbox.Enqueue(new(tx, OutboxMessageKind.MeterValues, 1), Meter(300));
        _cs.FailNext = 2;
        await _outbox.PumpOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(60));
        await _outbox.PumpOnceAsync(CancellationToken.None);

        _outbox.Dispose();
        _outbox = NewOutbox();
        _time.Advance(TimeSpan.FromSeconds(120));
        await DrainAsync();

        Assert.Equal(["StartTransaction", "StartTransaction", "StartTransaction", "MeterValues"], _cs.Received.Select(r => r.Action));
    }

    [Fact]
    public async Task RunAsync_OfflineThenWoken_DeliversWithoutWaitingForPoll()
    {
        _cs.Online = false;
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _outbox.Delivered += (_, _) => delivered.TrySetResult();
        using var stop = new CancellationTokenSource();

        var run = Task.Run(() => _outbox.RunAsync(TimeSpan.FromHours(1), stop.Token));
        _cs.Online = true;
        _outbox.Wake();
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Single(_cs.Received);
    }

    [Fact]
    public async Task RunAsync_CallErrorThenClockAdvanced_RetriesOnTheInjectedClock()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _cs.FailNext = 1;
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _outbox.Delivered += (_, _) => delivered.TrySetResult();
        using var stop = new CancellationTokenSource();

        var run = Task.Run(() => _outbox.RunAsync(TimeSpan.FromHours(1), stop.Token));
        Assert.True(SpinWait.SpinUntil(() => _cs.Received.Count == 1 && _time.PendingTimers > 0, TimeSpan.FromSeconds(10)));
        Assert.False(delivered.Task.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(60));
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(2, _cs.Received.Count);
    }

    [Fact]
    public async Task Enqueue_FromFourThreadsWhileRunning_EverySessionDeliveredInItsOwnOrder()
    {
        const int PerSession = 50;
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var sender = new Mock<IOutboxSender>();
        var nextId = 0;
        sender.Setup(s => s.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string action, string payload, CancellationToken _) =>
            {
                received.Enqueue(payload);
                return Task.FromResult(OutboxSendResult.Confirmed(
                    action == "StartTransaction" ? $$"""{"transactionId":{{Interlocked.Increment(ref nextId)}}}""" : "{}"));
            });
        using var outbox = new TransactionOutbox(_store, sender.Object, () => _policy, _time, _logger);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => outbox.RunAsync(TimeSpan.FromHours(1), stop.Token));

        var producers = Enumerable.Range(0, 4).Select(session => Task.Run(() =>
        {
            var tx = outbox.BeginTransaction();
            outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), $$"""{"connectorId":{{session + 1}},"idTag":"S{{session}}","meterStart":0,"timestamp":"2026-01-05T08:00:00Z"}""");
            for (var m = 1; m <= PerSession; m++)
            {
                outbox.Enqueue(new(tx, OutboxMessageKind.MeterValues, m), $$"""{"connectorId":{{session + 1}},"transactionId":0,"meterValue":[{"timestamp":"2026-01-05T08:00:00Z","sampledValue":[{"value":"{{m}}"}]}]}""");
            }
        })).ToArray();
        await Task.WhenAll(producers);
        Assert.True(SpinWait.SpinUntil(() => received.Count == 4 * (PerSession + 1), TimeSpan.FromSeconds(10)));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var meters = received.Select(p => JsonNode.Parse(p)!).Where(p => p["meterValue"] is not null).ToList();
        for (var session = 0; session < 4; session++)
        {
            Assert.Equal(
                Enumerable.Range(1, PerSession),
                meters.Where(p => (int)p["connectorId"]! == session + 1).Select(p => int.Parse((string)p["meterValue"]![0]!["sampledValue"]![0]!["value"]!, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task PruneCompleted_FinishedTransaction_RemovedAndReplayRefused()
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        _outbox.Enqueue(new(tx, OutboxMessageKind.StopTransaction, 0), StopPayload);
        var open = _outbox.BeginTransaction();
        _outbox.Enqueue(new(open, OutboxMessageKind.StartTransaction, 0), StartPayload);
        await DrainAsync();
        _time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(2, _store.PruneCompleted(_time.GetUtcNow() - TimeSpan.FromDays(1)));
        Assert.Equal(OutboxEnqueueResult.UnknownTransaction, _outbox.Enqueue(new(tx, OutboxMessageKind.StopTransaction, 0), StopPayload));
        Assert.True(_outbox.TryGetCentralTransactionId(open, out _));
        Assert.NotEqual(tx, _outbox.BeginTransaction());
    }
}
