using System.Globalization;
using Evse.Ocpp.Messages;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Firmware;

/// <summary>
/// GetDiagnostics (OCPP 1.6 §5.8, §4.4): names the file at once, then collects it and uploads it with retries,
/// reporting Uploading → Uploaded | UploadFailed with DiagnosticsStatusNotification. A file that cannot be
/// collected counts as UploadFailed. The zip is deleted afterwards. <see cref="Status"/> is Idle unless an upload runs.
/// </summary>
public sealed class DiagnosticsUploader : IDisposable
{
    private readonly IFileTransfer _transfer;
    private readonly IDiagnosticsCollector _collector;
    private readonly FirmwareManagementOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StatusNotificationQueue _notifications;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly object _gate = new();
    private DiagnosticsStatus _status = DiagnosticsStatus.Idle;

    public DiagnosticsUploader(
        IFileTransfer transfer,
        IDiagnosticsCollector collector,
        OcppLink link,
        FirmwareManagementOptions options,
        TimeProvider time,
        ILogger<DiagnosticsUploader> logger)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(options);
        _transfer = transfer;
        _collector = collector;
        _options = options;
        _time = time;
        _logger = logger;
        _notifications = new StatusNotificationQueue(link.Caller, link.IsOnline, time, options.NotificationRetryInterval);
    }

    /// <summary>Uploading while an upload runs, else Idle.</summary>
    public DiagnosticsStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>The collect-and-upload run of the latest request (tests await it).</summary>
    public Task Current { get; private set; } = Task.CompletedTask;

    /// <summary>The file name GetDiagnostics.conf announces: the prefix and the request time, e.g. <c>SN-1-20260301T080000Z.zip</c>.</summary>
    public string NextFileName() =>
        string.Create(CultureInfo.InvariantCulture, $"{_options.DiagnosticsFilePrefix}-{_time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.zip");

    /// <summary>Starts collecting and uploading <paramref name="fileName"/> in the background.</summary>
    public void Start(GetDiagnosticsRequest request, string fileName)
    {
        ArgumentNullException.ThrowIfNull(request);
        var shown = Uri.TryCreate(request.Location, UriKind.Absolute, out var parsed) ? TransferUris.Redact(parsed) : request.Location;
        FirmwareLog.DiagnosticsRequested(_logger, shown, fileName);
        var previous = Current;
        var token = _lifetime.Token;
        Current = Task.Run(async () =>
        {
            // Requests are served in order; two uploads at once would only compete for a slow uplink.
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await RunAsync(request, fileName, token).ConfigureAwait(false);
        });
    }

    /// <summary>TriggerMessage DiagnosticsStatusNotification: queues the current status.</summary>
    public void SendStatus() => _notifications.EnqueueTriggered(new DiagnosticsStatusNotificationRequest { Status = Status });

    /// <summary>Sends notifications until stopped.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
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
    }

    private async Task RunAsync(GetDiagnosticsRequest request, string fileName, CancellationToken cancellationToken)
    {
        var zip = Path.Combine(_options.DiagnosticsDirectory, fileName);
        try
        {
            Report(DiagnosticsStatus.Uploading);
            if (!Uri.TryCreate(request.Location, UriKind.Absolute, out var location))
            {
                FirmwareLog.UploadAttemptFailed(_logger, 1, 1, $"'{request.Location}' is not an absolute URL");
                Report(DiagnosticsStatus.UploadFailed, final: true);
                return;
            }

            try
            {
                Directory.CreateDirectory(_options.DiagnosticsDirectory);
                await _collector.CollectAsync(zip, request.StartTime, request.StopTime, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                FirmwareLog.CollectFailed(_logger, e.Message);
                Report(DiagnosticsStatus.UploadFailed, final: true);
                return;
            }

            var attempts = _options.AttemptsFor(request.Retries);
            var interval = _options.IntervalFor(request.RetryInterval);
            for (var attempt = 1; attempt <= attempts; attempt++)
            {
                var result = await _transfer.UploadAsync(location, zip, fileName, cancellationToken).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    Report(DiagnosticsStatus.Uploaded, final: true);
                    return;
                }

                FirmwareLog.UploadAttemptFailed(_logger, attempt, attempts, result.Error ?? "unknown");
                if (attempt < attempts)
                {
                    await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
                }
            }

            Report(DiagnosticsStatus.UploadFailed, final: true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The daemon is stopping; the Central System may ask again.
        }
        finally
        {
            try
            {
                File.Delete(zip);
            }
            catch (IOException)
            {
            }
        }
    }

    private void Report(DiagnosticsStatus status, bool final = false)
    {
        lock (_gate)
        {
            _status = final ? DiagnosticsStatus.Idle : status;
        }

        FirmwareLog.DiagnosticsStatusChanged(_logger, status);
        _ = _notifications.Enqueue(new DiagnosticsStatusNotificationRequest { Status = status });
    }
}
