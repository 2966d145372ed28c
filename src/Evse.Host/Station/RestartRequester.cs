using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Evse.Host.Station;

/// <summary>
/// Planned restarts (Reboot Period, OCPP Reset): the host stops in order (contactors open, sessions closed)
/// and Program exits with <see cref="ExitCode"/>, which systemd's Restart=on-failure turns into a fresh start.
/// </summary>
public sealed partial class RestartRequester(IHostApplicationLifetime lifetime, ILogger<RestartRequester> logger)
{
    /// <summary>EX_TEMPFAIL: "try again", a non-zero status so that Restart=on-failure restarts the service.</summary>
    public const int ExitCode = 75;

    /// <summary>The exit status Program returns: <see cref="ExitCode"/> once a restart was requested.</summary>
    public int? RequestedExitCode { get; private set; }

    public void Request(string reason)
    {
        LogRestart(reason);
        RequestedExitCode = ExitCode;
        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Restarting the daemon: {Reason}")]
    private partial void LogRestart(string reason);
}
