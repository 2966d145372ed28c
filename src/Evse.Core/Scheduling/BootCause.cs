namespace Evse.Core.Scheduling;

/// <summary>Why the daemon is starting, as the host determines it (a clean-shutdown marker, the Reset reason).</summary>
public enum BootCause
{
    /// <summary>Power came back after an outage (no clean-shutdown marker).</summary>
    PowerFailure,

    /// <summary>A restart we planned: Reboot Period, OCPP Reset, portal reboot, firmware update.</summary>
    PlannedRestart,

    /// <summary>The process restarted on its own (systemd after a crash or the watchdog) with the board powered.</summary>
    ProcessRestart,
}
