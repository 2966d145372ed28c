using Evse.Core.Charging;
using Evse.Core.Limits;
using Evse.Core.Station;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.SmartCharging;
using Evse.Ocpp.Tests.ChargePoint;
using Evse.Ocpp.Tests.Configuration;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Ocpp.Tests.SmartCharging;

/// <summary>A started <see cref="SmartChargingService"/> on a fake clock and a fake two-connector station.</summary>
internal sealed class SmartChargingRig : IDisposable
{
    public SmartChargingRig(int connectors = 2, SmartChargingOptions? options = null, IChargingProfileStore? store = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Profiles.T0);
        Station = new FakeStation(connectors);
        Configuration = new ConfigurationService(Settings, NullLogger<ConfigurationService>.Instance);
        Store = store ?? new InMemoryChargingProfileStore();
        Service = new SmartChargingService(
            Store, Station, Configuration, r => CentralIds.TryGetValue(r, out var id) ? id : null,
            options ?? new SmartChargingOptions { PhaseCount = 1, MaximumCurrentAmps = 32 }, Time, NullLogger<SmartChargingService>.Instance);
        Service.Start();
    }

    public FakeTimeProvider Time { get; }

    public FakeStation Station { get; }

    public InMemorySettingsStore Settings { get; } = new();

    public ConfigurationService Configuration { get; }

    public IChargingProfileStore Store { get; }

    public SmartChargingService Service { get; }

    /// <summary>Central System transaction ids by charging record.</summary>
    public Dictionary<long, int> CentralIds { get; } = [];

    public bool HasLimit(int connectorId) => Station.Limits.ContainsKey((connectorId, LimitSource.SmartCharging));

    /// <summary>The last smart-charging limit set on the connector, in A; null when cleared or never set.</summary>
    public double? Amps(int connectorId) =>
        Station.Limits.TryGetValue((connectorId, LimitSource.SmartCharging), out var limit) ? limit?.Amps : null;

    public void StartSession(int connectorId, long recordId, string idTag = "TAG1", int? centralId = null)
    {
        if (centralId is { } id)
        {
            CentralIds[recordId] = id;
        }

        Station.Set(new ChargePointConnector(connectorId, ChargePointStatus.Charging, ChargePointErrorCode.NoError, recordId, Tethered: true));
        Service.Handle(new SessionStarted(connectorId, Time.GetUtcNow(), recordId, idTag, 0));
    }

    public void EndSession(int connectorId, long recordId)
    {
        Station.Set(new ChargePointConnector(connectorId, ChargePointStatus.Finishing, ChargePointErrorCode.NoError, null, Tethered: true));
        Service.Handle(new SessionEnded(connectorId, Time.GetUtcNow(), recordId, "TAG1", 100, StopReason.Local));
    }

    public void Dispose() => Service.Dispose();
}
