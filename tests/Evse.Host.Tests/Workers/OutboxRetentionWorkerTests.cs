using Evse.Host.Options;
using Evse.Host.Tests.Support;
using Evse.Host.Workers;
using Evse.Ocpp.Outbox;
using Evse.Testing;
using Microsoft.Extensions.Logging;

namespace Evse.Host.Tests.Workers;

/// <summary>The outbox retention on the fake clock: when it runs, what it deletes, what it leaves, how it survives a failing store.</summary>
public sealed class OutboxRetentionWorkerTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly PruneRecordingOutboxStore _store = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly LoggerFactory _loggerFactory;
    private readonly OutboxRetentionWorker _worker;

    public OutboxRetentionWorkerTests()
    {
        _loggerFactory = new LoggerFactory([_logs]);
        _worker = new OutboxRetentionWorker(
            _store,
            Microsoft.Extensions.Options.Options.Create(new OcppOptions { OutboxRetentionDays = 7 }),
            _time,
            _loggerFactory.CreateLogger<OutboxRetentionWorker>());
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(CancellationToken.None);
        _worker.Dispose();
        _loggerFactory.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task ExecuteAsync_ShortlyAfterStart_PrunesFinishedTransactionOlderThanThePeriod()
    {
        var old = Finished(Start - TimeSpan.FromDays(8));
        await _worker.StartAsync(CancellationToken.None);

        await RunAsync(OutboxRetentionWorker.FirstRunDelay);

        Assert.False(_store.TryGetTransaction(old, out _));
        var first = _store.Calls[0];
        Assert.Equal(Start + OutboxRetentionWorker.FirstRunDelay - TimeSpan.FromDays(7), first.CompletedBefore);
        Assert.Equal(OutboxRetentionWorker.TransactionsPerCall, first.MaxTransactions);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("removed 2 messages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_TransactionYoungerThanThePeriod_KeptUntilTheDailyRunAfterItAged()
    {
        var young = Finished(Start - TimeSpan.FromDays(6.5));
        await _worker.StartAsync(CancellationToken.None);

        await RunAsync(OutboxRetentionWorker.FirstRunDelay);
        Assert.True(_store.TryGetTransaction(young, out _));
        var runs = _store.Calls.Count;

        await RunAsync(OutboxRetentionWorker.RunInterval);

        Assert.False(_store.TryGetTransaction(young, out _));
        Assert.True(_store.Calls.Count > runs);
    }

    [Fact]
    public async Task ExecuteAsync_NoRunBeforeTheDayIsOver_RunsAgainDaily()
    {
        await _worker.StartAsync(CancellationToken.None);
        await RunAsync(OutboxRetentionWorker.FirstRunDelay);
        Assert.Single(_store.Calls);

        await AdvanceAsync(OutboxRetentionWorker.RunInterval - TimeSpan.FromMinutes(1));
        Assert.Single(_store.Calls);
        await RunAsync(TimeSpan.FromMinutes(1));
        await RunAsync(OutboxRetentionWorker.RunInterval);

        Assert.Equal(3, _store.Calls.Count);
        Assert.Equal(OutboxRetentionWorker.RunInterval, _store.Calls[2].CompletedBefore - _store.Calls[1].CompletedBefore);
    }

    [Fact]
    public async Task ExecuteAsync_PendingMessageOrNoStop_TransactionKept()
    {
        var longAgo = Start - TimeSpan.FromDays(30);
        var stopNotDelivered = _store.CreateTransaction(longAgo);
        Deliver(stopNotDelivered, OutboxMessageKind.StartTransaction, longAgo);
        Assert.True(_store.TryEnqueue(new(stopNotDelivered, OutboxMessageKind.StopTransaction, 0), "{}", longAgo, out _));
        var stillCharging = _store.CreateTransaction(longAgo);
        Deliver(stillCharging, OutboxMessageKind.StartTransaction, longAgo);
        Deliver(stillCharging, OutboxMessageKind.MeterValues, longAgo);
        var finished = Finished(longAgo);
        await _worker.StartAsync(CancellationToken.None);

        await RunAsync(OutboxRetentionWorker.FirstRunDelay);

        Assert.False(_store.TryGetTransaction(finished, out _));
        Assert.True(_store.TryGetTransaction(stopNotDelivered, out _));
        Assert.True(_store.TryGetTransaction(stillCharging, out _));
        Assert.Equal(1, _store.CountPending());
    }

    [Fact]
    public async Task ExecuteAsync_ManyFinishedTransactions_PrunedAFewPerCallWithPauses()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => Finished(Start - TimeSpan.FromDays(10))).ToList();
        await _worker.StartAsync(CancellationToken.None);

        await RunAsync(OutboxRetentionWorker.FirstRunDelay);

        Assert.All(ids, id => Assert.False(_store.TryGetTransaction(id, out _)));
        // 8 + 8 + 4 transactions of 2 messages, then the call that finds none.
        Assert.Equal([16, 16, 8, 0], _store.Calls.Select(c => c.Removed ?? -1));
        Assert.Equal(Start + OutboxRetentionWorker.FirstRunDelay + (3 * OutboxRetentionWorker.PauseBetweenCalls), _time.GetUtcNow());
    }

    [Fact]
    public async Task ExecuteAsync_StoreThrows_LogsAndPrunesOnTheNextDay()
    {
        var old = Finished(Start - TimeSpan.FromDays(8));
        _store.FailuresToThrow = 1;
        await _worker.StartAsync(CancellationToken.None);

        await RunAsync(OutboxRetentionWorker.FirstRunDelay);
        Assert.True(_store.TryGetTransaction(old, out _));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is InvalidOperationException);

        await RunAsync(OutboxRetentionWorker.RunInterval);

        Assert.False(_store.TryGetTransaction(old, out _));
    }

    private long Finished(DateTimeOffset completedAt)
    {
        var id = _store.CreateTransaction(completedAt);
        Deliver(id, OutboxMessageKind.StartTransaction, completedAt);
        Deliver(id, OutboxMessageKind.StopTransaction, completedAt);
        return id;
    }

    private void Deliver(long transaction, OutboxMessageKind kind, DateTimeOffset at)
    {
        Assert.True(_store.TryEnqueue(new(transaction, kind, 0), "{}", at, out var sequence));
        _store.MarkDelivered(sequence, at);
    }

    /// <summary>Moves the clock once the worker waits on it (its only timer).</summary>
    private async Task AdvanceAsync(TimeSpan delta)
    {
        Assert.True(await RealClockWait.UntilAsync(() => _time.PendingTimers > 0), "the worker never waited on the clock");
        _time.Advance(delta);
    }

    /// <summary>Advances to the next run and through its pauses until the run ends (a call that found nothing or threw).</summary>
    private async Task RunAsync(TimeSpan untilRun)
    {
        var callsBefore = _store.Calls.Count;
        await AdvanceAsync(untilRun);
        while (true)
        {
            Assert.True(
                await RealClockWait.UntilAsync(() => _store.Calls.Count > callsBefore && _time.PendingTimers > 0),
                "the run did not reach its next wait");
            if (_store.RunEnded)
            {
                return;
            }

            callsBefore = _store.Calls.Count;
            _time.Advance(OutboxRetentionWorker.PauseBetweenCalls);
        }
    }
}
