using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Limits;
using Evse.Core.Ports.Hardware;
using Evse.Host.Station;
using Evse.Ocpp.ChargePoint;

namespace Evse.Host.Ocpp;

/// <summary>The running StationController and the planned restart, as the OCPP layer sees them.</summary>
public sealed class StationChargePoint(StationController station, IStationHardware hardware, RestartRequester restart) : IChargePointStation
{
    public IReadOnlyList<ChargePointConnector> Connectors =>
        [.. station.ConnectorControllers.Select(c =>
        {
            var state = c.Snapshot.State;

            // A connector without a socket lock has its cable fixed to the station.
            var socketLock = hardware.Connectors.FirstOrDefault(h => h.ConnectorId == c.ConnectorId)?.SocketLock;
            return new ChargePointConnector(c.ConnectorId, state.Status, state.ErrorCode, state.Session?.RecordId, socketLock is null, socketLock?.State);
        })];

    public bool Post(int connectorId, ConnectorEvent connectorEvent) => station.Find(connectorId)?.Post(connectorEvent) ?? false;

    public bool SetExternalLimit(int connectorId, LimitSource source, LimitContributor? contributor) =>
        station.Find(connectorId)?.SetExternalLimit(source, contributor) ?? false;

    public void RequestRestart() => restart.Request("OCPP Reset");
}
