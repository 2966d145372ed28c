using Evse.Core.Ports;
using Evse.Core.Ports.Storage;
using Evse.Core.Station;
using Evse.Host.Firmware;
using Evse.Host.Ocpp;
using Evse.Host.Options;
using Evse.Host.Storage;
using Evse.Host.Storage.Authorization;
using Evse.Host.Storage.Outbox;
using Evse.Host.Storage.Reservations;
using Evse.Host.Workers;
using Evse.Ocpp.Authorization;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Outbox;
using Evse.Ocpp.Reservation;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.SmartCharging;
using Evse.Ocpp.Transport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Evse.Host.Composition;

/// <summary>The OCPP 1.6J charge point, registered only when Ocpp:CentralSystemUrl is set.</summary>
public static class OcppServiceCollectionExtensions
{
    /// <summary>
    /// Adds the WebSocket transport, RPC dispatcher, Core profile service and handlers, and replaces the
    /// standalone authorizer by the OCPP one. Call after AddEvseCore.
    /// </summary>
    public static IServiceCollection AddEvseOcpp(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var configuration = new ConfigurationService(sp.GetRequiredService<ISettingsStore>(), sp.GetRequiredService<ILogger<ConfigurationService>>());
            configuration.ApplyStationLayout(sp.GetRequiredService<IOptions<StationOptions>>().Value.ConnectorCount);
            return configuration;
        });

        // The connection comes from the OCPP keys a Central System or the portal set, else from appsettings
        // (docs/ocpp-configuration.md "Connection keys"); AuthorizationKey, WebSocketPingInterval and PduTimeout follow changes.
        services.AddSingleton(sp => new OcppRpcOptions());
        services.AddSingleton(sp =>
        {
            var ocpp = sp.GetRequiredService<IOptions<OcppOptions>>().Value;
            var configuration = sp.GetRequiredService<ConfigurationService>();
            var transport = new OcppWebSocketTransport(
                OcppConnectionSettings.Resolve(configuration, new Uri(ocpp.CentralSystemUrl), ocpp.ChargePointId),
                sp.GetRequiredService<TimeProvider>(),
                Random.Shared,
                sp.GetRequiredService<ILogger<OcppWebSocketTransport>>());
            return transport;
        });
        services.AddSingleton<IOcppTransport>(sp => sp.GetRequiredService<OcppWebSocketTransport>());
        services.AddSingleton<OcppHandlerRegistry>();
        services.AddSingleton(sp =>
        {
            var dispatcher = new OcppRpcDispatcher(
                sp.GetRequiredService<IOcppTransport>(),
                sp.GetRequiredService<OcppHandlerRegistry>(),
                new GuidMessageIdGenerator(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<OcppRpcOptions>(),
                sp.GetRequiredService<ILogger<OcppRpcDispatcher>>());
            OcppConnectionSettings.FollowChanges(
                sp.GetRequiredService<ConfigurationService>(), sp.GetRequiredService<OcppWebSocketTransport>(), sp.GetRequiredService<OcppRpcOptions>(), dispatcher);
            return dispatcher;
        });
        services.AddSingleton<IOutboxStore>(sp => new SqliteOutboxStore(() => OpenDatabase(sp)));
        // Finished transactions leave the outbox after Ocpp:OutboxRetentionDays (docs/ocpp.md "Outbox retention").
        services.AddHostedService<OutboxRetentionWorker>();
        services.AddSingleton<IAuthorizationCacheStore>(sp => new SqliteAuthorizationCacheStore(() => OpenDatabase(sp)));
        services.AddSingleton<ILocalAuthorizationListStore>(sp => new SqliteLocalAuthorizationListStore(() => OpenDatabase(sp)));
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<ConfigurationService>();
            return new AuthorizationCache(sp.GetRequiredService<IAuthorizationCacheStore>(), () => configuration.AuthorizationCacheEnabled, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp => new LocalAuthorizationList(
            sp.GetRequiredService<ILocalAuthorizationListStore>(), sp.GetRequiredService<ConfigurationService>().LocalAuthorizationListLimits));
        services.AddSingleton(sp => new LocalAuthorization(
            sp.GetRequiredService<LocalAuthorizationList>(), sp.GetRequiredService<AuthorizationCache>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new TransactionIdMap(sp.GetRequiredService<ISettingsStore>()));
        services.AddSingleton<IChargePointStation, StationChargePoint>();
        services.AddSingleton(sp => new ChargePointService(
            sp.GetRequiredService<IOcppTransport>(),
            sp.GetRequiredService<OcppRpcDispatcher>(),
            sp.GetRequiredService<IOutboxStore>(),
            sp.GetRequiredService<TransactionIdMap>(),
            sp.GetRequiredService<ConfigurationService>(),
            sp.GetRequiredService<StationIdentity>(),
            sp.GetRequiredService<IChargePointStation>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        // The station's connectors need the authorizer and the charge point needs the station: the authorizer
        // looks the charge point up when asked, which breaks the cycle.
        services.AddSingleton(sp => new OcppAuthorizer(
            sp.GetRequiredService<LocalAuthorization>(),
            sp.GetRequiredService<OcppRpcDispatcher>(),
            () => sp.GetRequiredService<ChargePointService>().IsOnline,
            sp.GetRequiredService<ConfigurationService>(),
            sp.GetRequiredService<ILogger<OcppAuthorizer>>()));

        // Registered last, so it wins over AddEvseCore's StandaloneAuthorizer.
        services.AddSingleton<IAuthorizer>(sp => sp.GetRequiredService<OcppAuthorizer>());

        // Reservation and LocalAuthListManagement profiles (docs/ocpp-reservation-local-list.md): reservations are
        // checked after the OCPP authorization, StartTransaction carries the reservationId, and the handlers are
        // registered when the hosted service below resolves ReservationProfileHandlers.
        services.AddSingleton<IReservationStore>(sp => new SqliteReservationStore(() => OpenDatabase(sp)));
        services.AddSingleton(sp =>
        {
            var local = sp.GetRequiredService<LocalAuthorization>();
            var reservations = new ReservationService(
                sp.GetRequiredService<IReservationStore>(), sp.GetRequiredService<IChargePointStation>(), sp.GetRequiredService<ConfigurationService>(),
                local.ParentOf, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ReservationService>>());
            sp.GetRequiredService<ChargePointService>().ReservationIdOf = reservations.ReservationIdOf;
            sp.GetRequiredService<StationEventHub>().Subscribe(reservations);
            return reservations;
        });
        services.AddSingleton<IAuthorizer>(sp => new ReservationAuthorizer(sp.GetRequiredService<OcppAuthorizer>(), sp.GetRequiredService<ReservationService>));
        services.AddSingleton(sp =>
        {
            var registry = sp.GetRequiredService<OcppHandlerRegistry>();
            new LocalAuthListHandlers(sp.GetRequiredService<LocalAuthorizationList>()).Register(registry);
            var handlers = new ReservationProfileHandlers(sp.GetRequiredService<ReservationService>());
            handlers.Register(registry);
            sp.GetRequiredService<ReservationService>().Restore();
            return handlers;
        });
        services.AddHostedService<ReservationProfilesStarter>();

        // ---- SmartCharging profile (OCPP 1.6 §3.13): persisted profiles, the applier fed by station events, its handlers.
        services.AddSingleton<IChargingProfileStore>(sp => new SqliteChargingProfileStore(() => OpenDatabase(sp)));
        services.AddSingleton(sp =>
        {
            var station = sp.GetRequiredService<IOptions<StationOptions>>().Value;
            var chargePoint = sp.GetRequiredService<ChargePointService>();
            var smartCharging = new SmartChargingService(
                sp.GetRequiredService<IChargingProfileStore>(),
                sp.GetRequiredService<IChargePointStation>(),
                sp.GetRequiredService<ConfigurationService>(),
                record => chargePoint.TryGetCentralTransactionId(record, out var transactionId) ? transactionId : null,
                new SmartChargingOptions
                {
                    PhaseCount = station.Phases,
                    MaximumCurrentAmps = (decimal)Math.Min(station.MaxCurrentAmps, station.ConnectorRatingAmps),
                },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SmartChargingService>>());
            new SmartChargingHandlers(smartCharging).Register(sp.GetRequiredService<OcppHandlerRegistry>());
            sp.GetRequiredService<StationEventHub>().Subscribe(smartCharging);
            smartCharging.Start();
            return smartCharging;
        });

        services.AddSingleton(sp =>
        {
            var handlers = new CoreProfileHandlers(
                sp.GetRequiredService<ChargePointService>(),
                sp.GetRequiredService<IChargePointStation>(),
                sp.GetRequiredService<ConfigurationService>(),
                sp.GetRequiredService<AuthorizationCache>(),
                sp.GetRequiredService<OcppAuthorizer>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<CoreProfileHandlers>>(),
                sp.GetRequiredService<SmartChargingService>(),
                sp.GetRequiredService<ReservationService>());
            handlers.Register(sp.GetRequiredService<OcppHandlerRegistry>());
            return handlers;
        });
        // ConnectionTimeOut and StopTransactionOnEVSideDisconnect reach every connector (at start and on change).
        services.AddHostedService(sp => new OcppConnectorSettingsSync(
            sp.GetRequiredService<ConfigurationService>(), sp.GetRequiredService<Evse.Core.Control.StationController>()));

        services.AddHostedService(sp =>
        {
            // Resolving the handlers fills the registry before the first frame can arrive.
            sp.GetRequiredService<CoreProfileHandlers>();
            return new OcppWorker(sp.GetRequiredService<ChargePointService>(), sp.GetRequiredService<OcppAuthorizer>(), sp.GetRequiredService<StationEventHub>());
        });

        // FirmwareManagement profile: UpdateFirmware, GetDiagnostics (docs/firmware-update.md).
        services.AddEvseFirmwareManagement();
        return services;
    }

    private static SqliteConnection OpenDatabase(IServiceProvider sp) =>
        new(new SqliteConnectionStringBuilder { DataSource = sp.GetRequiredService<SqliteDatabase>().FilePath, Pooling = false }.ToString());
}
