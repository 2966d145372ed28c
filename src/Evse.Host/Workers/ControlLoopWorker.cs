using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Ports.Storage;
using Evse.Host.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Evse.Host.Workers;

/// <summary>
/// Runs the station's control loops for the life of the daemon. At start it closes the books of a previous
/// run that ended without a shutdown (power cut, SIGKILL); at stop (SIGTERM) the loops open the contactors
/// and stop offering power before the process exits.
/// </summary>
public sealed partial class ControlLoopWorker(
    StationController station,
    IChargingRecordStore records,
    IFaultRecordStore faults,
    IOptions<StationOptions> options,
    TimeProvider time,
    ILogger<ControlLoopWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var interrupted in records.EndInterrupted())
        {
            LogInterruptedSession(interrupted.Id, interrupted.ConnectorId, interrupted.EnergyWh);

            // Seed 001 "Resume Charge After Reboot": a new session for the same idTag once the vehicle is seen
            // plugged in (the authorization lapses after ConnectionTimeOut otherwise); cold-load pickup still
            // holds the power back after a power failure.
            if (options.Value.ResumeChargeAfterReboot && station.Find(interrupted.ConnectorId) is { } connector)
            {
                connector.Post(new StartRequested(interrupted.IdTag));
                LogResume(interrupted.ConnectorId, interrupted.IdTag);
            }
        }

        var closedFaults = faults.CloseAllOpen(time.GetUtcNow());
        if (closedFaults > 0)
        {
            LogClosedFaults(closedFaults);
        }

        await station.RunAsync(StopReason.Reboot, stoppingToken).ConfigureAwait(false);
        LogStopped();
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Session {RecordId} on connector {ConnectorId} was interrupted by a power loss; ended with {EnergyWh} Wh")]
    private partial void LogInterruptedSession(long recordId, int connectorId, double energyWh);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Resume Charge After Reboot: connector {ConnectorId} resumes for {IdTag}")]
    private partial void LogResume(int connectorId, string idTag);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Closed {Count} fault records left open by the previous run")]
    private partial void LogClosedFaults(int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Control loops stopped; power withdrawn on every connector")]
    private partial void LogStopped();
}
