using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Ports.Hardware;
using Evse.Ocpp.ChargePoint;
using Microsoft.Extensions.Hosting;

namespace Evse.Host.Ocpp;

/// <summary>The running StationController and the host's lifetime, as the OCPP layer sees them.</summary>
public sealed class StationChargePoint(StationController station, IStationHardware hardware, IHostApplicationLifetime lifetime) : IChargePointStation
{
    public IReadOnlyList<ChargePointConnector> Connectors =>
        [.. station.ConnectorControllers.Select(c =>
        {
            var state = c.Snapshot.State;

            // A connector without a socket lock has its cable fixed to the station.
            var tethered = hardware.Connectors.FirstOrDefault(h => h.ConnectorId == c.ConnectorId)?.SocketLock is null;
            return new ChargePointConnector(c.ConnectorId, state.Status, state.ErrorCode, state.Session?.RecordId, tethered);
        })];

    public bool Post(int connectorId, ConnectorEvent connectorEvent) => station.Find(connectorId)?.Post(connectorEvent) ?? false;

    public void RequestRestart() => lifetime.StopApplication();
}
