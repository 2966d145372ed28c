using Evse.Host.Options;
using Evse.Ocpp.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Evse.Host.Workers;

/// <summary>
/// Keeps the OCPP outbox from growing with every MeterValues for the life of the SD card: shortly after start and then
/// once a day it deletes the transactions whose every message completed more than <c>Ocpp:OutboxRetentionDays</c> ago
/// and whose StopTransaction is among them (<see cref="IOutboxStore.PruneCompleted"/>). Open
/// sessions and anything still pending are never touched. It prunes a few transactions per call with a pause between
/// calls, because each call is one SQLite transaction that holds the outbox's pump back while it runs
/// (docs/ocpp.md "Outbox retention"). A failing store is logged and tried again the next day.
/// </summary>
public sealed partial class OutboxRetentionWorker(
    IOutboxStore store,
    IOptions<OcppOptions> options,
    TimeProvider time,
    ILogger<OutboxRetentionWorker> logger) : BackgroundService
{
    /// <summary>After start-up's own disk work (migrations, replaying the backlog) rather than during it.</summary>
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan RunInterval = TimeSpan.FromDays(1);

    /// <summary>
    /// Transactions per call. Measured on 100,000 delivered messages: one call for all of them held the store for
    /// ≈ 0.5–0.8 s; 8 transactions per call (≈ 2,000 messages of 4-hour sessions, or one day-long session sampled
    /// every 10 s) at most ≈ 25–110 ms on this VM.
    /// </summary>
    public const int TransactionsPerCall = 8;

    /// <summary>Lets the pump take the store between two calls of a large prune.</summary>
    public static readonly TimeSpan PauseBetweenCalls = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = TimeSpan.FromDays(options.Value.OutboxRetentionDays);
        try
        {
            await Task.Delay(FirstRunDelay, time, stoppingToken).ConfigureAwait(false);
            while (true)
            {
                await PruneAsync(retention, stoppingToken).ConfigureAwait(false);
                await Task.Delay(RunInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown; a prune cut short resumes from the oldest transaction next time.
        }
    }

    /// <summary>One retention run: every finished transaction older than <paramref name="retention"/>, a few per call.</summary>
    private async Task PruneAsync(TimeSpan retention, CancellationToken stoppingToken)
    {
        var completedBefore = time.GetUtcNow() - retention;
        var removed = 0;
        try
        {
            int removedNow;
            while ((removedNow = store.PruneCompleted(completedBefore, TransactionsPerCall)) > 0)
            {
                removed += removedNow;
                await Task.Delay(PauseBetweenCalls, time, stoppingToken).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Any store failure (disk, a bug) must not end the daemon's retention for good: next day.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogPruneFailed(ex, removed, RunInterval);
            return;
        }

        if (removed > 0)
        {
            LogPruned(removed, completedBefore);
        }
        else
        {
            LogNothingToPrune(completedBefore);
        }
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Outbox retention removed {Messages} messages of transactions finished before {CompletedBefore}")]
    private partial void LogPruned(int messages, DateTimeOffset completedBefore);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Debug, Message = "Outbox retention: no transaction finished before {CompletedBefore}")]
    private partial void LogNothingToPrune(DateTimeOffset completedBefore);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Outbox retention failed after removing {Messages} messages; trying again in {RetryIn}")]
    private partial void LogPruneFailed(Exception exception, int messages, TimeSpan retryIn);
}
