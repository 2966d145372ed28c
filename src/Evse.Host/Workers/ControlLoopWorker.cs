using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;
using Evse.Core.Ports.Storage;
using Evse.Core.Protection;
using Evse.Core.Scheduling;
using Evse.Core.Station;
using Evse.Host.Options;
using Evse.Host.Station;
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
    StationEventHub events,
    IOptions<StationOptions> options,
    TimeProvider time,
    ILogger<ControlLoopWorker> logger,
    IStationHardware hardware,
    BootCauseDetector boot,
    StationControls controls,
    ISettingsStore settings) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interruptedRecords = new InterruptedSessionSettler(records, settings, hardware).EndInterrupted();
        ReplayLastEndedSessions(interruptedRecords);
        foreach (var interrupted in interruptedRecords)
        {
            LogInterruptedSession(interrupted.Id, interrupted.ConnectorId, interrupted.EnergyWh);

            // The session ended at the cut as far as anyone outside can tell: the Central System gets its
            // StopTransaction (reason PowerLoss, the settled energy and instant the record now holds) like for any other end of session. The start is
            // replayed first because the cut may have come before it reached the OCPP outbox; the outbox ignores it
            // when it was queued already (its key is the record's).
            events.Publish(new SessionStarted(interrupted.ConnectorId, interrupted.StartedAt, interrupted.Id, interrupted.IdTag, interrupted.MeterStartWh));
            events.Publish(new SessionEnded(
                interrupted.ConnectorId,
                interrupted.StoppedAt ?? interrupted.LastUpdatedAt,
                interrupted.Id,
                interrupted.IdTag,
                interrupted.MeterLastWh,
                StopReason.PowerLoss));

            // Seed 001 "Resume Charge After Reboot": a new session for the same idTag once the vehicle is seen
            // plugged in (the authorization lapses after ConnectionTimeOut otherwise); cold-load pickup still
            // holds the power back after a power failure.
            // Only the vehicle that was charging may resume: it must still be plugged in (B, C or D) at boot, before
            // anyone could swap it; an EV plugged in later needs its own authorization.
            var resume = RebootPolicy.ResumeAfterReboot(options.Value.ResumeChargeAfterReboot, interrupted.IdTag, VehiclePluggedAtBoot(interrupted.ConnectorId), null);
            if (resume.Resume && station.Find(interrupted.ConnectorId) is { } connector)
            {
                connector.Post(new StartRequested(interrupted.IdTag));
                LogResume(interrupted.ConnectorId, interrupted.IdTag);
            }
        }

        // Seed 004 §15 "Power Failure Fault": the charger lost power during a session. A fault record per cut session,
        // from the last stored progress to this boot; the restart itself clears it.
        if (interruptedRecords.Count > 0 && boot.Start() == BootCause.PowerFailure)
        {
            var bootedAt = time.GetUtcNow();
            foreach (var interrupted in interruptedRecords)
            {
                var cutAt = interrupted.StoppedAt ?? interrupted.LastUpdatedAt;
                var faultId = faults.Open(interrupted.ConnectorId, FaultCode.PowerFailure, $"{FaultCatalog.Describe(FaultCode.PowerFailure).Description}: session {interrupted.Id} cut by a power loss", cutAt);
                faults.Close(faultId, bootedAt);
            }
        }

        var closedFaults = faults.CloseAllOpen(time.GetUtcNow());
        if (closedFaults > 0)
        {
            LogClosedFaults(closedFaults);
        }

        // Seed 004 §9 station lock, as last set at run time (else as configured): posted before the loops run, so no
        // session can start in between.
        if (controls.StartupLock())
        {
            station.SetStationLocked(true);
            LogStationLocked();
        }

        await station.RunAsync(StopReason.Reboot, stoppingToken).ConfigureAwait(false);
        LogStopped();
    }

    /// <summary>
    /// A cut can come after a session's record was closed but before the OCPP outbox stored its StopTransaction (or
    /// even its StartTransaction). The newest ended session of each connector is therefore announced again at boot;
    /// the outbox keys its messages by record, so one that was queued already is ignored, and at most one session
    /// per connector can be in that window.
    /// </summary>
    private void ReplayLastEndedSessions(IReadOnlyList<ChargingRecord> interrupted)
    {
        var done = new HashSet<int>(interrupted.Select(r => r.ConnectorId));
        foreach (var record in records.List(16))
        {
            if (record.StoppedAt is not { } stoppedAt || record.Reason is not { } reason || !done.Add(record.ConnectorId))
            {
                continue;
            }

            events.Publish(new SessionStarted(record.ConnectorId, record.StartedAt, record.Id, record.IdTag, record.MeterStartWh));
            events.Publish(new SessionEnded(record.ConnectorId, stoppedAt, record.Id, record.IdTag, record.MeterLastWh, reason));
        }
    }

    private bool VehiclePluggedAtBoot(int connectorId) =>
        hardware.Connectors.FirstOrDefault(c => c.ConnectorId == connectorId) is { } connector
        && PilotClassifier.Classify(connector.PilotSense.Read()) is PilotState.B or PilotState.C or PilotState.D;

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Session {RecordId} on connector {ConnectorId} was interrupted by a power loss; ended with {EnergyWh} Wh")]
    private partial void LogInterruptedSession(long recordId, int connectorId, double energyWh);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Resume Charge After Reboot: connector {ConnectorId} resumes for {IdTag}")]
    private partial void LogResume(int connectorId, string idTag);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Closed {Count} fault records left open by the previous run")]
    private partial void LogClosedFaults(int count);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "The station is locked (Station:StationLocked or the portal): no new session starts")]
    private partial void LogStationLocked();

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Control loops stopped; power withdrawn on every connector")]
    private partial void LogStopped();
}
