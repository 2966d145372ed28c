using Microsoft.Extensions.Logging;

namespace Evse.Host.Systemd;

/// <summary>Log events of the systemd integration, ids 6100–6199 of the Host's table.</summary>
internal static partial class SystemdLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Debug, Message = "NOTIFY_SOCKET is not set; systemd notifications are off")]
    public static partial void NotifyDisabled(ILogger logger);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Notifying systemd on {Socket}; watchdog timeout {WatchdogTimeout}, health checked every {Interval}")]
    public static partial void NotifyEnabled(ILogger logger, string socket, TimeSpan? watchdogTimeout, TimeSpan interval);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Told systemd the daemon is ready")]
    public static partial void Ready(ILogger logger);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Daemon unhealthy, withholding systemd watchdog pings: {Reason}")]
    public static partial void Unhealthy(ILogger logger, string reason);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Information, Message = "Daemon healthy again, resuming systemd watchdog pings")]
    public static partial void Recovered(ILogger logger);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "Could not notify systemd: {Failure}")]
    public static partial void NotifyFailed(ILogger logger, string failure);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Information, Message = "Told systemd the daemon is stopping")]
    public static partial void Stopping(ILogger logger);
}
