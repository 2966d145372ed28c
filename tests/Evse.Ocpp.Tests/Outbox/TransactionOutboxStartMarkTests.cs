using System.Diagnostics.CodeAnalysis;
using Evse.Ocpp.Outbox;
using Evse.Testing;

namespace Evse.Ocpp.Tests.Outbox;

/// <summary>
/// The StartTransaction's mark is committed while the transaction's MeterValues go out (IOutboxStore.MarkStartDeliveredAsync);
/// no StartTransaction or StopTransaction may go out before it is on disk, so a crash never leaves two of them in doubt.
/// </summary>
public sealed class TransactionOutboxStartMarkTests : IDisposable
{
    private const string StartPayload = """{"connectorId":1,"idTag":"CARD1","meterStart":100,"timestamp":"2026-01-05T08:00:00Z"}""";
    private const string StopPayload = """{"transactionId":-1,"idTag":"CARD1","meterStop":900,"timestamp":"2026-01-05T09:00:00Z","reason":"Local"}""";
    private const string MeterPayload = """{"connectorId":1,"transactionId":-1,"meterValue":[{"timestamp":"2026-01-05T08:30:00Z","sampledValue":[{"value":"101"}]}]}""";

    private readonly FakeTimeProvider _time = new();
    private readonly HeldStartMarkStore _store = new(new InMemoryOutboxStore());
    private readonly AnsweringSender _sender = new();
    private readonly TransactionOutbox _outbox;

    public TransactionOutboxStartMarkTests() =>
        _outbox = new TransactionOutbox(_store, _sender, () => new OutboxRetryPolicy(3, TimeSpan.FromSeconds(60)), _time, new RecordingLogger<TransactionOutbox>());

    public void Dispose() => _outbox.Dispose();

    private void Session(int meterValues)
    {
        var tx = _outbox.BeginTransaction();
        _outbox.Enqueue(new(tx, OutboxMessageKind.StartTransaction, 0), StartPayload);
        for (var i = 1; i <= meterValues; i++)
        {
            _outbox.Enqueue(new(tx, OutboxMessageKind.MeterValues, i), MeterPayload);
        }

        _outbox.Enqueue(new(tx, OutboxMessageKind.StopTransaction, 0), StopPayload);
    }

    [Fact]
    public async Task PumpOnce_StartMarkNotOnDiskYet_MeterValuesGoButTheStopWaitsForIt()
    {
        Session(2);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(OutboxPumpStatus.Delivered, (await _outbox.PumpOnceAsync(CancellationToken.None)).Status);
        }

        Assert.Equal(["StartTransaction", "MeterValues", "MeterValues"], _sender.Actions);
        var stop = _outbox.PumpOnceAsync(CancellationToken.None);
        Assert.False(stop.IsCompleted);
        Assert.Equal(3, _sender.Actions.Count);

        _store.CompleteStartMark();
        Assert.Equal(OutboxPumpStatus.Delivered, (await stop.WaitAsync(TimeSpan.FromSeconds(30))).Status);
        Assert.Equal("StopTransaction", _sender.Actions[^1]);
    }

    [Fact]
    public async Task PumpOnce_StartMarkNotOnDiskYet_NextSessionsStartWaitsForIt()
    {
        Session(0);
        Session(0);
        _store.HoldOnlyFirst = true;

        Assert.Equal(OutboxPumpStatus.Delivered, (await _outbox.PumpOnceAsync(CancellationToken.None)).Status);
        var stop = _outbox.PumpOnceAsync(CancellationToken.None);
        Assert.False(stop.IsCompleted);
        _store.CompleteStartMark();
        await stop.WaitAsync(TimeSpan.FromSeconds(30));

        // The second session's start mark is written at once; nothing else is held.
        Assert.Equal(OutboxPumpStatus.Delivered, (await _outbox.PumpOnceAsync(CancellationToken.None)).Status);
        Assert.Equal(OutboxPumpStatus.Delivered, (await _outbox.PumpOnceAsync(CancellationToken.None)).Status);
        Assert.Equal(["StartTransaction", "StopTransaction", "StartTransaction", "StopTransaction"], _sender.Actions);
    }

    [Fact]
    public async Task PumpOnce_StartMarkCommitFailed_TheErrorSurfacesBeforeAnythingElseIsSent()
    {
        Session(2);
        Assert.Equal(OutboxPumpStatus.Delivered, (await _outbox.PumpOnceAsync(CancellationToken.None)).Status);

        _store.FailStartMark(new IOException("disk gone"));

        await Assert.ThrowsAsync<IOException>(() => _outbox.PumpOnceAsync(CancellationToken.None));
        Assert.Equal(["StartTransaction"], _sender.Actions);
    }

    /// <summary>Answers every CALL at once; a StartTransaction gets transactionId 7000.</summary>
    private sealed class AnsweringSender : IOutboxSender
    {
        public List<string> Actions { get; } = [];

        public Task<OutboxSendResult> SendAsync(string action, string payloadJson, CancellationToken cancellationToken)
        {
            Actions.Add(action);
            return Task.FromResult(action == "StartTransaction"
                ? OutboxSendResult.Confirmed("""{"idTagInfo":{"status":"Accepted"},"transactionId":7000}""")
                : OutboxSendResult.Confirmed("{}"));
        }
    }

    /// <summary>Applies the StartTransaction mark in memory at once and says it is on disk only when the test says so.</summary>
    private sealed class HeldStartMarkStore(IOutboxStore inner) : IOutboxStore
    {
        private TaskCompletionSource? _onDisk;
        private bool _held;

        public bool HoldOnlyFirst { get; set; }

        public void CompleteStartMark() => _onDisk!.SetResult();

        public void FailStartMark(Exception error) => _onDisk!.SetException(error);

        public Task MarkStartDeliveredAsync(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt)
        {
            inner.MarkStartDelivered(sequence, localTransactionId, centralTransactionId, deliveredAt);
            if (HoldOnlyFirst && _held)
            {
                return Task.CompletedTask;
            }

            _held = true;
            _onDisk = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _onDisk.Task;
        }

        public long CreateTransaction(DateTimeOffset createdAt) => inner.CreateTransaction(createdAt);

        public bool TryGetTransaction(long localTransactionId, [NotNullWhen(true)] out OutboxTransaction? transaction) => inner.TryGetTransaction(localTransactionId, out transaction);

        public bool TryEnqueue(OutboxMessageKey key, string payloadJson, DateTimeOffset enqueuedAt, out long sequence) => inner.TryEnqueue(key, payloadJson, enqueuedAt, out sequence);

        public bool TryPeekHead([NotNullWhen(true)] out OutboxEntry? entry) => inner.TryPeekHead(out entry);

        public int CountPending() => inner.CountPending();

        public void RecordFailedAttempt(long sequence, int failedAttempts, DateTimeOffset nextAttemptAt) => inner.RecordFailedAttempt(sequence, failedAttempts, nextAttemptAt);

        public void MarkDelivered(long sequence, DateTimeOffset deliveredAt) => inner.MarkDelivered(sequence, deliveredAt);

        public void MarkStartDelivered(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt) =>
            throw new InvalidOperationException("The outbox marks a StartTransaction through MarkStartDeliveredAsync.");

        public void MarkDropped(long sequence, string reason, DateTimeOffset droppedAt) => inner.MarkDropped(sequence, reason, droppedAt);

        public int PruneCompleted(DateTimeOffset completedBefore, int maxTransactions = int.MaxValue) => inner.PruneCompleted(completedBefore, maxTransactions);
    }
}
