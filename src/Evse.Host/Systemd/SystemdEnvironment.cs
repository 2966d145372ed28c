using System.Globalization;

namespace Evse.Host.Systemd;

/// <summary>
/// What systemd told this process through its environment: where to send notifications and how often
/// it expects a watchdog ping.
/// </summary>
/// <param name="NotifySocket">The NOTIFY_SOCKET value (a path, or '@' for an abstract name), or null
/// when the daemon was not started by systemd with Type=notify.</param>
/// <param name="WatchdogTimeout">WATCHDOG_USEC as a time span when it applies to this process, else null.</param>
public sealed record SystemdEnvironment(string? NotifySocket, TimeSpan? WatchdogTimeout)
{
    /// <summary>Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID of the current process.</summary>
    public static SystemdEnvironment FromProcess() =>
        FromVariables(Environment.GetEnvironmentVariable, Environment.ProcessId);

    /// <summary>Parses the variables as sd_notify(3) and sd_watchdog_enabled(3) define them.</summary>
    /// <param name="getVariable">Looks up one environment variable by name.</param>
    /// <param name="processId">This process's id, compared with WATCHDOG_PID.</param>
    public static SystemdEnvironment FromVariables(Func<string, string?> getVariable, int processId)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var socket = getVariable("NOTIFY_SOCKET");
        return new SystemdEnvironment(
            string.IsNullOrEmpty(socket) ? null : socket,
            ParseWatchdog(getVariable("WATCHDOG_USEC"), getVariable("WATCHDOG_PID"), processId));
    }

    private static TimeSpan? ParseWatchdog(string? microsecondsText, string? pidText, int processId)
    {
        if (!ulong.TryParse(microsecondsText, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds)
            || microseconds == 0)
        {
            return null;
        }

        // systemd sets WATCHDOG_PID so a child that inherited the environment does not ping for its parent.
        if (!string.IsNullOrEmpty(pidText)
            && (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != processId))
        {
            return null;
        }

        // TimeSpan's tick is 100 ns; anything above ~29 000 years is "never" for our purposes.
        const ulong maxMicroseconds = (ulong)(long.MaxValue / TimeSpan.TicksPerMicrosecond);
        return TimeSpan.FromTicks((long)Math.Min(microseconds, maxMicroseconds) * TimeSpan.TicksPerMicrosecond);
    }
}
