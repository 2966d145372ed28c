using Evse.Core.Indication;
using Evse.Core.Ports.Storage;
using Evse.Core.Station;
using Evse.Host.Options;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Firmware;
using Evse.Ocpp.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Evse.Host.Firmware;

/// <summary>The OCPP FirmwareManagement profile (UpdateFirmware, GetDiagnostics); part of AddEvseOcpp.</summary>
public static class FirmwareServiceCollectionExtensions
{
    /// <summary>Transfer timeout for one download or upload (a 40 MB package over a slow cellular link).</summary>
    public static readonly TimeSpan TransferTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Registers the transfer clients, installer, collector, the two runs, their handlers and worker.</summary>
    public static IServiceCollection AddEvseFirmwareManagement(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var data = sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory;
            return new FirmwareManagementOptions
            {
                UpdateDirectory = Path.Combine(data, "update"),
                DiagnosticsDirectory = Path.Combine(data, "diagnostics"),
                DiagnosticsFilePrefix = sp.GetRequiredService<StationIdentity>().SerialNumber,
            };
        });
        services.AddSingleton<IFileTransfer>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            // Our own deadline (on the TimeProvider) bounds each transfer; HttpClient's own timeout would not.
            var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var configuration = sp.GetRequiredService<ConfigurationService>();
            var ftp = new FtpFileTransfer(time, TransferTimeout) { DefaultCredentials = () => FtpServerCredentials(configuration) };
            return new FileTransferClient(new HttpFileTransfer(http, time, TransferTimeout), ftp);
        });
        services.AddSingleton<IFirmwareInstaller>(sp => new SystemdFirmwareInstaller(
            sp.GetRequiredService<FirmwareManagementOptions>().UpdateDirectory,
            sp.GetRequiredService<StationIdentity>().FirmwareVersion,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDiagnosticsCollector>(sp => new DiagnosticsCollector(
            Path.Combine(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, "logs"),
            sp.GetRequiredService<IFaultRecordStore>(),
            sp.GetRequiredService<ConfigurationService>(),
            sp.GetRequiredService<ISettingsStore>(),
            sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp =>
        {
            var chargePoint = sp.GetRequiredService<ChargePointService>();
            return new OcppLink(sp.GetRequiredService<OcppRpcDispatcher>(), () => chargePoint.IsOnline);
        });
        services.AddSingleton(sp =>
        {
            var updater = new FirmwareUpdater(
                sp.GetRequiredService<IFileTransfer>(),
                sp.GetRequiredService<IFirmwareInstaller>(),
                sp.GetRequiredService<IChargePointStation>(),
                sp.GetRequiredService<ISettingsStore>(),
                sp.GetRequiredService<OcppLink>(),
                sp.GetRequiredService<FirmwareManagementOptions>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<FirmwareUpdater>>());

            // Seed 000 Table 14 "Firmware Upgrading": the LED and display follow the updater's steps.
            var activity = sp.GetRequiredService<StationActivity>();
            updater.StatusChanged += status => activity.SetFirmware(FirmwareIndication.For(status));
            return updater;
        });
        services.AddSingleton(sp => new DiagnosticsUploader(
            sp.GetRequiredService<IFileTransfer>(),
            sp.GetRequiredService<IDiagnosticsCollector>(),
            sp.GetRequiredService<OcppLink>(),
            sp.GetRequiredService<FirmwareManagementOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiagnosticsUploader>>()));
        services.AddSingleton(sp =>
        {
            var handlers = new FirmwareManagementHandlers(
                sp.GetRequiredService<FirmwareUpdater>(), sp.GetRequiredService<DiagnosticsUploader>(), sp.GetRequiredService<OcppRpcDispatcher>());
            handlers.Register(sp.GetRequiredService<OcppHandlerRegistry>(), sp.GetRequiredService<CoreProfileHandlers>());
            return handlers;
        });

        // Resolving the handlers when the hosted services are built fills the registry before the first frame.
        services.AddHostedService(sp =>
        {
            sp.GetRequiredService<FirmwareManagementHandlers>();
            return new FirmwareManagementWorker(sp.GetRequiredService<FirmwareUpdater>(), sp.GetRequiredService<DiagnosticsUploader>());
        });
        return services;
    }

    /// <summary>FtpServerUsername / FtpServerPassword for URLs without credentials; none when the user is empty.</summary>
    private static (string User, string Password)? FtpServerCredentials(ConfigurationService configuration)
    {
        var user = configuration.GetValue(OcppConfigurationKeys.FtpServerUsername);
        return user.Length == 0 ? null : (user, configuration.GetValue(OcppConfigurationKeys.FtpServerPassword));
    }
}
