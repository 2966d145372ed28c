namespace Evse.Core.Scheduling;

/// <summary>
/// Resume Charge After Reboot and Reboot Period (seed 001 Fig. 14, REQUIREMENTS §2).
/// </summary>
/// <remarks>
/// Resume: the interrupted session is closed at boot with reason PowerLoss (its record is durable). With the
/// setting On and the same vehicle still plugged in (pilot B, C or D at boot), a new session starts for the
/// same idTag once cold-load pickup allows; with it Off (the default) the connector waits for a new
/// authorization. A vehicle unplugged during the outage never resumes.
/// Reboot Period: a planned restart every period of uptime (default 10080 min = 7 days), taken only while no
/// session runs on any connector; 0 disables it. Once due it stays due until the station is idle.
/// </remarks>
public static class RebootPolicy
{
    public static TimeSpan DefaultRebootPeriod { get; } = TimeSpan.FromMinutes(10080);

    public static ResumeDecision ResumeAfterReboot(bool resumeChargeAfterReboot, string? interruptedIdTag, bool vehicleStillPlugged, DateTimeOffset? coldLoadHoldUntil)
    {
        if (interruptedIdTag is null)
        {
            return new ResumeDecision(false, null, null, "no session was interrupted");
        }

        if (!resumeChargeAfterReboot)
        {
            return new ResumeDecision(false, null, null, "Resume Charge After Reboot is Off");
        }

        return vehicleStillPlugged
            ? new ResumeDecision(true, interruptedIdTag, coldLoadHoldUntil, "Resume Charge After Reboot is On and the vehicle is still plugged in")
            : new ResumeDecision(false, null, null, "the vehicle was unplugged");
    }

    /// <summary>True when the planned restart should happen now.</summary>
    public static bool RebootDue(DateTimeOffset bootedAt, DateTimeOffset now, TimeSpan rebootPeriod, bool anySessionActive) =>
        rebootPeriod > TimeSpan.Zero && !anySessionActive && now - bootedAt >= rebootPeriod;

    /// <summary>
    /// The second half of the idle check: every connector has taken the <see cref="Charging.RestartPendingChanged"/>
    /// block (so no session can start any more) and none has a session. A session that began before the block
    /// shows here, and the restart is called off.
    /// </summary>
    public static bool ReadyToRestart(IEnumerable<Charging.ConnectorState> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        return connectors.All(c => c.RestartPending && c.Session is null);
    }
}
