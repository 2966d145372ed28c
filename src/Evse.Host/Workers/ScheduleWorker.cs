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
        LimitContributor? applied = null;
        var first = true;
        try
        {
            do
            {
                var now = time.GetUtcNow();
                var schedule = Tighter(ColdLoadPickup.Limit(holdUntil, now), hours.Limit(now, zone));
                if (first || schedule != applied)
                {
                    foreach (var connector in station.ConnectorControllers)
                    {
                        connector.SetExternalLimit(LimitSource.Schedule, schedule);
                    }

                    applied = schedule;
                    first = false;
                }

                var busy = station.Connectors.Any(c => c.State.Session is not null);
                if (rebootPeriod is { } period && RebootPolicy.RebootDue(bootedAt, now, period, busy))
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

    private static LimitContributor? Tighter(LimitContributor? a, LimitContributor? b) =>
        a is null ? b : b is null ? a : a.Amps <= b.Amps ? a : b;

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Boot cause {Cause}; cold-load pickup holds power until {HoldUntil}")]
    private partial void LogBoot(BootCause cause, DateTimeOffset? holdUntil);
}
