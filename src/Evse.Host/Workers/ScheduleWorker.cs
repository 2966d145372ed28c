using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Limits;
using Evse.Core.Scheduling;
using Evse.Host.Options;
using Evse.Host.Station;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Evse.Host.Workers;

/// <summary>
/// The time rules of the station: cold-load pickup after a power failure, hours of operation (both feed the
/// current limit as its Schedule contributor) and the planned restart of Reboot Period (only when idle).
/// Checked every second; a change reaches every control loop at once.
/// </summary>
public sealed partial class ScheduleWorker(
    StationController station,
    IOptions<StationOptions> options,
    BootCauseDetector boot,
    RestartRequester restart,
    TimeProvider time,
    ILogger<ScheduleWorker> logger) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // Registered before the control loops, so stopped after them: the run ended in order.
        boot.Stop();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Validated at start-up (EvseOptionsValidator): failing here is a bug.
        if (!ScheduleSettings.TryParseHours(settings.HoursOfOperation, out var hours, out var error)
            || !ScheduleSettings.TryParseTimeZone(settings.TimeZone, out var zone, out error))
        {
            throw new InvalidOperationException(error);
        }

        var cause = boot.Start();
        var bootedAt = time.GetUtcNow();
        var holdUntil = ColdLoadPickup.HoldUntil(cause, bootedAt, TimeSpan.FromSeconds(settings.ColdLoadPickupMaxDelaySeconds), Random.Shared);
        LogBoot(cause, holdUntil);
        var rebootPeriod = settings.RebootPeriodMinutes > 0 ? TimeSpan.FromMinutes(settings.RebootPeriodMinutes) : (TimeSpan?)null;

        using var timer = new PeriodicTimer(CheckInterval, time);
        var publisher = new ContributorPublisher(station, LimitSource.Schedule);
        var rebootBlocked = false;
        try
        {
            do
            {
                var now = time.GetUtcNow();
                var schedule = Tighter(ColdLoadPickup.Limit(holdUntil, now), hours.Limit(now, zone));
                publisher.Publish(schedule);

                if (rebootPeriod is { } period && StepReboot(bootedAt, now, period, ref rebootBlocked))
                {
                    restart.Request($"Reboot Period of {period.TotalMinutes:0} min reached and no session is running");
                    return;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <summary>
    /// Reboot Period in two ticks, so a session starting between the idle check and the restart is never cut: when
    /// due and idle, every connector is told a restart is pending (no new session from then on); on the next tick, if
    /// every connector has taken the block and none has a session, restart; if one has (it started in the window), the
    /// block is lifted and the restart waits for idle again.
    /// </summary>
    private bool StepReboot(DateTimeOffset bootedAt, DateTimeOffset now, TimeSpan period, ref bool blocked)
    {
        var connectors = station.Connectors;
        if (blocked)
        {
            if (RebootPolicy.ReadyToRestart(connectors.Select(c => c.State)))
            {
                return true;
            }

            if (connectors.Any(c => c.State.Session is not null))
            {
                PostRestartPending(false);
                blocked = false;
                LogRebootDeferred();
            }

            return false; // otherwise a loop has not taken the block yet: look again next tick
        }

        var busy = connectors.Any(c => c.State.Session is not null);
        if (RebootPolicy.RebootDue(bootedAt, now, period, busy))
        {
            PostRestartPending(true);
            blocked = true;
        }

        return false;
    }

    private void PostRestartPending(bool pending)
    {
        foreach (var connector in station.ConnectorControllers)
        {
            connector.Post(new RestartPendingChanged(pending));
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Reboot Period: a session started before new sessions were blocked; the restart waits until the station is idle")]
    private partial void LogRebootDeferred();

    private static LimitContributor? Tighter(LimitContributor? a, LimitContributor? b) =>
        a is null ? b : b is null ? a : a.Amps <= b.Amps ? a : b;

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Boot cause {Cause}; cold-load pickup holds power until {HoldUntil}")]
    private partial void LogBoot(BootCause cause, DateTimeOffset? holdUntil);
}
