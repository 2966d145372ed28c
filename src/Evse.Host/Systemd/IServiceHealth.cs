namespace Evse.Host.Systemd;

/// <summary>
/// The daemon's answer to "are the control loops alive?", asked by <see cref="SystemdWatchdogService"/>
/// before it tells systemd READY=1 and before every WATCHDOG=1 ping.
/// </summary>
/// <remarks>
/// Implementations must answer quickly and without blocking (compare heartbeat timestamps, do not call
/// into the loops): a health check that hangs would itself stop the pings, which is the right outcome
/// but for the wrong reason. Returning false makes systemd restart the daemon after WatchdogSec, so only
/// report unhealthy for conditions a restart can cure (a hung loop), not for a tripped RCD or an
/// offline Central System.
/// </remarks>
public interface IServiceHealth
{
    /// <summary>True when every control loop has made progress recently.</summary>
    /// <param name="reason">When unhealthy, a one-line text for the systemd STATUS= field
    /// (shown by <c>systemctl status</c>); when healthy, an optional short status or empty.</param>
    bool IsHealthy(out string reason);
}
