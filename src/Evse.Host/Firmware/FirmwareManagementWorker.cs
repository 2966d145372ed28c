using Evse.Ocpp.Firmware;
using Microsoft.Extensions.Hosting;

namespace Evse.Host.Firmware;

/// <summary>Runs the firmware and diagnostics notification loops (and the after-restart install report) for the host's lifetime.</summary>
public sealed class FirmwareManagementWorker(FirmwareUpdater updater, DiagnosticsUploader diagnostics) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(updater.RunAsync(stoppingToken), diagnostics.RunAsync(stoppingToken));
}
