using Evse.Core.Ports.Storage;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Firmware;

/// <summary>
/// UpdateFirmware (OCPP 1.6 §5.19, §4.5): waits for retrieveDate, downloads with retries, verifies the package,
/// waits until no session runs, hands it to the installer and reports each step with FirmwareStatusNotification.
/// An install in progress is persisted (<see cref="PendingVersionKey"/>), so the daemon started by the new package
/// reports Installed or InstallationFailed by comparing its version with the one it expected. A second
/// UpdateFirmware replaces one still downloading or waiting. <see cref="Status"/> is what TriggerMessage reports:
/// Idle once a run has ended.
/// </summary>
public sealed class FirmwareUpdater : IDisposable
{
    /// <summary>Settings-store key holding the version an install in progress should produce.</summary>
    public const string PendingVersionKey = "firmware.pendingVersion";

    private readonly IFileTransfer _transfer;
    private readonly IFirmwareInstaller _installer;
    private readonly IChargePointStation _station;
    private readonly ISettingsStore _settings;
    private readonly FirmwareManagementOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StatusNotificationQueue _notifications;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly object _gate = new();
    private CancellationTokenSource? _job;
    private FirmwareStatus _status = FirmwareStatus.Idle;

    public FirmwareUpdater(
        IFileTransfer transfer,
        IFirmwareInstaller installer,
        IChargePointStation station,
        ISettingsStore settings,
        OcppLink link,
        FirmwareManagementOptions options,
        TimeProvider time,
        ILogger<FirmwareUpdater> logger)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(options);
        _transfer = transfer;
        _installer = installer;
        _station = station;
        _settings = settings;
        _options = options;
        _time = time;
        _logger = logger;
        _notifications = new StatusNotificationQueue(link.Caller, link.IsOnline, time, options.NotificationRetryInterval);
    }

    /// <summary>The firmware status now; Idle when no update is in progress.</summary>
    public FirmwareStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>
    /// Raised after each step is reported (Downloading, Downloaded, Installing, and the final one), on the updater's
    /// thread; the station's LED and display follow it. Handlers must not block.
    /// </summary>
    public event Action<FirmwareStatus>? StatusChanged;

    /// <summary>The download, verify and install run of the latest request (tests await it).</summary>
    public Task Current { get; private set; } = Task.CompletedTask;

    /// <summary>Starts the run for <paramref name="request"/> in the background; the caller answers at once.</summary>
    public void Start(UpdateFirmwareRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        CancellationTokenSource job;
        lock (_gate)
        {
            if (_job is not null)
            {
                FirmwareLog.UpdateReplaced(_logger);
                _job.Cancel();
                _job.Dispose();
            }

            job = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
            _job = job;
        }

        var previous = Current;
        Current = Task.Run(async () =>
        {
            // One run at a time: the replaced run has noticed its cancellation before this one touches the files.
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await RunUpdateAsync(request, job.Token).ConfigureAwait(false);
        });
    }

    /// <summary>TriggerMessage FirmwareStatusNotification: queues the current status, sent once even while the registration is Pending.</summary>
    public void SendStatus() => _notifications.EnqueueTriggered(new FirmwareStatusNotificationRequest { Status = Status });

    /// <summary>Reports the outcome of an install that restarted the daemon, then sends notifications until stopped.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        ReportInstallAfterRestart();
        try
        {
            await _notifications.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        _job?.Dispose();
    }

    private void ReportInstallAfterRestart()
    {
        if (!_settings.LoadAll().TryGetValue(PendingVersionKey, out var expected))
        {
            return;
        }

        var running = _installer.RunningVersion;
        FirmwareLog.InstallChecked(_logger, expected, running);
        _settings.Remove(PendingVersionKey);
        DeleteQuietly(PackagePath);
        if (string.Equals(expected, running, StringComparison.Ordinal))
        {
            Report(FirmwareStatus.Installed, final: true);
        }
        else
        {
            FirmwareLog.InstallFailed(_logger, $"the daemon restarted with {running}, not {expected}");
            Report(FirmwareStatus.InstallationFailed, final: true);
        }
    }

    private string PackagePath => Path.Combine(_options.UpdateDirectory, "firmware.deb");

    private async Task RunUpdateAsync(UpdateFirmwareRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var attempts = _options.AttemptsFor(request.Retries);
            var interval = _options.IntervalFor(request.RetryInterval);
            var shown = Redacted(request.Location);
            FirmwareLog.UpdateScheduled(_logger, shown, request.RetrieveDate, attempts, interval);
            var wait = request.RetrieveDate - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            Report(FirmwareStatus.Downloading);
            if (!await DownloadAsync(request.Location, attempts, interval, cancellationToken).ConfigureAwait(false))
            {
                Report(FirmwareStatus.DownloadFailed, final: true);
                return;
            }

            Report(FirmwareStatus.Downloaded);
            if (!DebianPackageVerifier.TryVerify(PackagePath, _options.PackageName, out var package, out var error))
            {
                FirmwareLog.PackageRefused(_logger, error);
                DeleteQuietly(PackagePath);
                Report(FirmwareStatus.InstallationFailed, final: true);
                return;
            }

            await WaitForNoSessionAsync(package!.Version, cancellationToken).ConfigureAwait(false);
            await InstallAsync(package, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Replaced by a newer request or the daemon is stopping; a pending install stays persisted.
        }
    }

    private async Task<bool> DownloadAsync(string location, int attempts, TimeSpan interval, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.UpdateDirectory);
        var partial = PackagePath + ".part";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var result = Uri.TryCreate(location, UriKind.Absolute, out var uri)
                ? await _transfer.DownloadAsync(uri, partial, cancellationToken).ConfigureAwait(false)
                : TransferResult.Failed($"'{location}' is not an absolute URL");
            if (result.Succeeded)
            {
                File.Move(partial, PackagePath, overwrite: true);
                return true;
            }

            FirmwareLog.DownloadAttemptFailed(_logger, attempt, attempts, result.Error ?? "unknown");
            DeleteQuietly(partial);
            if (attempt < attempts)
            {
                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        return false;
    }

    private async Task WaitForNoSessionAsync(string version, CancellationToken cancellationToken)
    {
        var logged = false;
        while (_station.Connectors.Any(c => c.ActiveRecordId is not null))
        {
            if (!logged)
            {
                FirmwareLog.WaitingForSessions(_logger, version);
                logged = true;
            }

            await Task.Delay(_options.SessionPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InstallAsync(DebianPackageInfo package, CancellationToken cancellationToken)
    {
        var running = _installer.RunningVersion;
        FirmwareLog.Installing(_logger, package.Version, running);
        _settings.Save(PendingVersionKey, package.Version);
        var noticed = Notify(FirmwareStatus.Installing, final: false);

        // The install restarts the daemon: give the Installing notification its chance to leave first.
        try
        {
            await noticed.WaitAsync(_options.InstallingNoticeWait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        var result = await _installer.InstallAsync(PackagePath, cancellationToken).ConfigureAwait(false);
        _settings.Remove(PendingVersionKey);
        DeleteQuietly(PackagePath);
        if (result.Succeeded)
        {
            Report(FirmwareStatus.Installed, final: true);
        }
        else
        {
            FirmwareLog.InstallFailed(_logger, result.Error ?? "unknown");
            Report(FirmwareStatus.InstallationFailed, final: true);
        }
    }

    private void Report(FirmwareStatus status, bool final = false) => _ = Notify(status, final);

    private Task<bool> Notify(FirmwareStatus status, bool final)
    {
        lock (_gate)
        {
            _status = final ? FirmwareStatus.Idle : status;
        }

        FirmwareLog.FirmwareStatusChanged(_logger, status);
        StatusChanged?.Invoke(status);
        return _notifications.Enqueue(new FirmwareStatusNotificationRequest { Status = status });
    }

    private static string Redacted(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) ? TransferUris.Redact(uri) : location;

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
