using System.Globalization;
using Evse.Core.Control;
using Evse.Core.Indication;
using Evse.Core.Limits;
using Evse.Core.Protection;
using Evse.Host.Systemd;
using Evse.Core.Charging;
using Evse.Core.Ports;
using Evse.Core.Ports.Hardware;
using Evse.Core.Ports.Storage;
using Evse.Core.Station;
using Evse.Hardware.Linux.Board;
using Evse.Hardware.Simulated;
using Evse.Host.Options;
using Evse.Host.Station;
using Evse.Host.Storage;
using Evse.Host.Workers;
using Evse.Ocpp.ChargePoint;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Evse.Host.Composition;

/// <summary>The daemon's wiring, one extension per layer. Program.cs calls them in order.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddEvseOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<EvseOptionsValidator>();
        services.AddSingleton<IValidateOptions<StationOptions>>(sp => sp.GetRequiredService<EvseOptionsValidator>());
        services.AddSingleton<IValidateOptions<StorageOptions>>(sp => sp.GetRequiredService<EvseOptionsValidator>());
        services.AddSingleton<IValidateOptions<OcppOptions>>(sp => sp.GetRequiredService<EvseOptionsValidator>());
        services.AddSingleton<IValidateOptions<HardwareOptions>>(sp => sp.GetRequiredService<EvseOptionsValidator>());
        services.AddOptions<StationOptions>().Bind(configuration.GetSection(StationOptions.SectionName)).ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddOptions<OcppOptions>().Bind(configuration.GetSection(OcppOptions.SectionName)).ValidateOnStart();
        services.AddOptions<HardwareOptions>().Bind(configuration.GetSection(HardwareOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SimulationOptions>().Bind(configuration.GetSection(SimulationOptions.SectionName));
        services.AddOptions<ControlLoopOptions>().Bind(configuration.GetSection("ControlLoop"));
        return services;
    }

    public static IServiceCollection AddEvseStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SqliteDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory,
            sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton<SqliteChargingRecordStore>();
        services.AddSingleton<IChargingRecordStore>(sp => sp.GetRequiredService<SqliteChargingRecordStore>());
        services.AddSingleton<IFaultRecordStore, SqliteFaultRecordStore>();
        services.AddSingleton<ISettingsStore, SqliteSettingsStore>();
        return services;
    }

    public static IServiceCollection AddEvseHardware(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var station = sp.GetRequiredService<IOptions<StationOptions>>().Value;
            var simulation = sp.GetRequiredService<IOptions<SimulationOptions>>().Value;
            simulation.GridPhases = station.Phases;
            var board = new SimulatedBoard(
                station.ConnectorCount,
                simulation,
                sp.GetRequiredService<TimeProvider>());

            // A metering IC keeps its register across power cycles: the simulated one resumes from the database, at
            // the highest of the charging record (which lags by up to ControlLoop:ProgressInterval) and the energy a
            // MeterValues of the interrupted transaction may already have told the Central System.
            var records = sp.GetRequiredService<SqliteChargingRecordStore>();
            var queuedWh = QueuedMeterValuesEnergyWh(sp.GetRequiredService<ISettingsStore>(), records);
            foreach (var connector in board.SimulatedConnectors)
            {
                connector.RestoreEnergy(Math.Max(records.LastMeterWh(connector.ConnectorId), queuedWh.GetValueOrDefault(connector.ConnectorId)));
            }

            return board;
        });
        services.AddSingleton<IStationHardware>(CreateStationHardware);
        return services;
    }

    /// <summary>
    /// Per connector, the highest register queued in a MeterValues of a transaction not yet stopped: the OCPP charge
    /// point keeps it under <see cref="Evse.Ocpp.ChargePoint.ChargePointService.SentEnergyPrefix"/> + record id until the
    /// StopTransaction is queued.
    /// </summary>
    private static Dictionary<int, double> QueuedMeterValuesEnergyWh(ISettingsStore settings, SqliteChargingRecordStore records)
    {
        var byConnector = new Dictionary<int, double>();
        foreach (var (key, value) in settings.LoadAll())
        {
            if (Evse.Ocpp.ChargePoint.TransactionMeterMark.TryParseKey(key, out var recordId)
                && Evse.Ocpp.ChargePoint.TransactionMeterMark.TryParse(value, out var mark)
                && records.Find(recordId) is { } record)
            {
                byConnector[record.ConnectorId] = Math.Max(byConnector.GetValueOrDefault(record.ConnectorId), mark.EnergyWh);
            }
        }

        return byConnector;
    }

    public static IServiceCollection AddEvseCore(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => StationIdentityFactory.Create(sp.GetRequiredService<IOptions<StationOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<StationEventHub>();
        services.AddSingleton<IAuthorizer, StandaloneAuthorizer>();
        services.AddSingleton(sp => new ConnectorStores(sp.GetRequiredService<IChargingRecordStore>(), sp.GetRequiredService<IFaultRecordStore>()));
        services.AddSingleton<StationActivity>();
        services.AddSingleton(CreateStation);
        services.AddSingleton<IStationView>(sp => sp.GetRequiredService<StationController>());
        services.AddSingleton<StationControls>();
        services.AddSingleton<IStationControls>(sp => sp.GetRequiredService<StationControls>());
        services.AddSingleton<IServiceHealth, StationServiceHealth>();
        services.AddSingleton(sp => new BootCauseDetector(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory));
        services.AddSingleton<RestartRequester>();

        // Hosted services stop in reverse order: the schedule worker stops after the loops and marks a clean stop.
        services.AddHostedService<ScheduleWorker>();
        services.AddHostedService<ChargeModeWorker>();
        services.AddHostedService<CpuReservationWorker>();
        services.AddHostedService<ControlLoopWorker>();
        services.AddHostedService(sp =>
        {
            // Null in standalone mode (no Ocpp:CentralSystemUrl): no link to show.
            var chargePoint = sp.GetService<ChargePointService>();
            return new NetworkIndicationWorker(
                sp.GetRequiredService<StationActivity>(),
                () => NetworkProbe.Read(),
                () => chargePoint?.IsOnline,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<NetworkIndicationWorker>>());
        });
        return services;
    }

    /// <summary>
    /// The board: all simulated; or, with a board file, the parts it names real and the rest simulated (a board
    /// brought up part by part). Linux mode needs a board file.
    /// </summary>
    private static IStationHardware CreateStationHardware(IServiceProvider sp)
    {
        // Before the board's driver threads start, so that they can enter the reserved CPU.
        CpuReservationWorker.Reserve(
            sp.GetRequiredService<IOptions<ControlLoopOptions>>().Value.RealTimeCpu,
            sp.GetRequiredService<ILogger<CpuReservationWorker>>());
        var options = sp.GetRequiredService<IOptions<HardwareOptions>>().Value;
        var simulated = sp.GetRequiredService<SimulatedBoard>();
        if (options.BoardFile is not { Length: > 0 } boardFile)
        {
            return options.Mode == HardwareMode.Simulated
                ? simulated
                : throw new InvalidOperationException("Hardware:BoardFile is required when Hardware:Mode is Linux: it says which chip sits on which bus and pins (see docs/hardware.md).");
        }

        return BoardFileLoader.Load(boardFile, simulated, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>());
    }

    private static StationController CreateStation(IServiceProvider sp)
    {
        var station = sp.GetRequiredService<IOptions<StationOptions>>().Value;
        var loop = sp.GetRequiredService<IOptions<ControlLoopOptions>>().Value;
        loop.AuthorizeTimeout = TimeSpan.FromSeconds(station.AuthorizeTimeoutSeconds);
        var hardware = sp.GetRequiredService<IStationHardware>();
        var time = sp.GetRequiredService<TimeProvider>();
        var logger = sp.GetRequiredService<ILogger<StationController>>();

        // The DIP switch is read once, at power-up (seed 001 Table 7); all OFF asks for a factory reset.
        var dip = hardware.DipSwitch.Read();
        if (DipSwitchTable.IsFactoryResetRequest(dip))
        {
            sp.GetRequiredService<ISettingsStore>().Clear();
            logger.LogWarning("DIP switch all OFF: settings reset to factory defaults; no current is offered until the DIP switch sets one");
        }

        var configuration = new ConnectorConfiguration(
            new ConnectorSettings(
                station.PlugAndChargeId.Length > 0 ? station.PlugAndChargeId : null,
                TimeSpan.FromSeconds(station.ConnectionTimeOutSeconds),
                StopTransactionOnEVSideDisconnect: true),
            ProtectionSettings.ForPhases(station.Phases) with { Warnings = station.Warnings.ToSettings() },
            station.MaxCurrentAmps,
            station.ConnectorRatingAmps,
            dip);
        return new StationController(
            hardware,
            (connector, sink, watch, buzzer) => new ConnectorController(
                new ConnectorContext(
                    connector,
                    buzzer,
                    hardware.Supply,
                    sp.GetRequiredService<ConnectorStores>(),
                    sp.GetRequiredService<IAuthorizer>(),
                    sink,
                    watch),
                configuration,
                time,
                loop,
                sp.GetRequiredService<ILogger<ConnectorController>>()),
            sp.GetRequiredService<StationEventHub>(),
            time,
            TimeSpan.FromSeconds(1),
            logger,
            sp.GetRequiredService<StationActivity>());
    }
}
