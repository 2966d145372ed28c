using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Evse.Host.Systemd;

/// <summary>
/// Speaks the sd_notify protocol for a Type=notify unit: READY=1 once the host has started and
/// <see cref="IServiceHealth"/> first reports healthy, WATCHDOG=1 every half WATCHDOG_USEC while healthy
/// (and never while unhealthy, so systemd kills and restarts a daemon whose control loop hangs), STATUS=
/// lines on every health change, and STOPPING=1 when the host begins to shut down.
/// Does nothing when NOTIFY_SOCKET is unset (run from a shell, in tests, in a container).
/// </summary>
public sealed class SystemdWatchdogService : BackgroundService
{
    /// <summary>How often health is checked when systemd asked for no watchdog: only READY and STATUS depend on it.</summary>
    public static readonly TimeSpan PollIntervalWithoutWatchdog = TimeSpan.FromSeconds(1);

    private const string RunningStatus = "Running";

    private readonly object _gate = new();
    private readonly SystemdNotifier _notifier;
    private readonly SystemdEnvironment _environment;
    private readonly IServiceHealth _health;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SystemdWatchdogService> _logger;
    private bool _ready;
    private bool _stopping;
    private string? _lastStatus;

    public SystemdWatchdogService(
        SystemdNotifier notifier,
        SystemdEnvironment environment,
        IServiceHealth health,
        IHostApplicationLifetime lifetime,
        TimeProvider timeProvider,
        ILogger<SystemdWatchdogService> logger)
    {
        _notifier = notifier;
        _environment = environment;
        _health = health;
        _lifetime = lifetime;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Time between health checks: half the watchdog timeout, as sd_watchdog_enabled(3) recommends, so one
    /// late tick does not cost a restart; <see cref="PollIntervalWithoutWatchdog"/> when there is no watchdog.
    /// </summary>
    public TimeSpan CheckInterval => _environment.WatchdogTimeout is { } timeout
        ? TimeSpan.FromTicks(Math.Max(1, timeout.Ticks / 2))
        : PollIntervalWithoutWatchdog;

    /// <summary>True once READY=1 has been sent.</summary>
    public bool IsReadySent
    {
        get
        {
            lock (_gate)
            {
                return _ready;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_notifier.IsEnabled)
        {
            SystemdLog.NotifyDisabled(_logger);
            return;
        }

        SystemdLog.NotifyEnabled(_logger, _notifier.SocketName!, _environment.WatchdogTimeout, CheckInterval);

        // ApplicationStopping fires before any hosted service is stopped, so systemd hears about the
        // shutdown before the control loops wind down (and before our own loop is cancelled).
        using var stoppingRegistration = _lifetime.ApplicationStopping.Register(NotifyStopping);
        try
        {
            await WaitForHostStartedAsync(stoppingToken).ConfigureAwait(false);
            CheckHealthAndNotify();
            using var timer = new PeriodicTimer(CheckInterval, _timeProvider);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                CheckHealthAndNotify();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
    }

    /// <summary>
    /// One health check: sends READY=1 the first time the daemon is healthy, WATCHDOG=1 while it is healthy
    /// and a watchdog is set, and a STATUS= line whenever the status text changes. The loop calls it every
    /// <see cref="CheckInterval"/>; tests call it directly.
    /// </summary>
    internal void CheckHealthAndNotify()
    {
        var healthy = _health.IsHealthy(out var reason);
        var lines = new List<string>(3);
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            string status;
            if (healthy)
            {
                status = string.IsNullOrWhiteSpace(reason) ? RunningStatus : OneLine(reason);
                if (!_ready)
                {
                    lines.Add("READY=1");
                }
            }
            else
            {
                status = (_ready ? "Unhealthy: " : "Starting: ") + OneLine(string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason);
            }

            if (status != _lastStatus)
            {
                lines.Add("STATUS=" + status);
            }

            if (healthy && _environment.WatchdogTimeout is not null)
            {
                lines.Add("WATCHDOG=1");
            }

            if (lines.Count == 0)
            {
                return;
            }

            if (!Send(lines))
            {
                // Leave the state unchanged so the next check tries READY and STATUS again.
                return;
            }

            LogTransition(healthy, status);
            _ready |= healthy;
            _lastStatus = status;
        }
    }

    private void LogTransition(bool healthy, string status)
    {
        if (healthy && !_ready)
        {
            SystemdLog.Ready(_logger);
        }
        else if (!healthy && _ready && status != _lastStatus)
        {
            SystemdLog.Unhealthy(_logger, status);
        }
        else if (healthy && _lastStatus is not null && _lastStatus.StartsWith("Unhealthy: ", StringComparison.Ordinal))
        {
            SystemdLog.Recovered(_logger);
        }
    }

    private void NotifyStopping()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            if (Send(["STOPPING=1", "STATUS=Stopping"]))
            {
                SystemdLog.Stopping(_logger);
            }
        }
    }

    private bool Send(IReadOnlyList<string> lines)
    {
        if (_notifier.TryNotify(string.Join('\n', lines), out var failure))
        {
            return true;
        }

        SystemdLog.NotifyFailed(_logger, failure);
        return false;
    }

    private async Task WaitForHostStartedAsync(CancellationToken stoppingToken)
    {
        // ApplicationStarted is "cancelled" once the host has started every hosted service.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var startedRegistration = _lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var stoppingRegistration = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task.ConfigureAwait(false);
    }

    private static string OneLine(string text) =>
        text.ReplaceLineEndings(" ").Trim();
}
