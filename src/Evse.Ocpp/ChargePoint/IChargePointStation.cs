using Evse.Core.Charging;
using Evse.Core.Limits;

namespace Evse.Ocpp.ChargePoint;

/// <summary>
/// What the OCPP layer needs from the running station: the connectors as they are now, a way to post events to
/// them, and a way to ask the host for a restart (Reset). The host adapts its StationController and
/// IHostApplicationLifetime to it, so Evse.Ocpp stays free of the hosting packages and tests need no control loops.
/// </summary>
public interface IChargePointStation
{
    /// <summary>Every connector, numbered from 1.</summary>
    IReadOnlyList<ChargePointConnector> Connectors { get; }

    /// <summary>Queues <paramref name="connectorEvent"/> for the connector's control loop; false when there is no such connector.</summary>
    bool Post(int connectorId, ConnectorEvent connectorEvent);

    /// <summary>
    /// Sets (or with null clears) one external contributor to the connector's current limit, e.g. the smart-charging
    /// composite schedule or the pause that follows an invalid idTag; false when there is no such connector.
    /// </summary>
    bool SetExternalLimit(int connectorId, LimitSource source, LimitContributor? contributor);

    /// <summary>Asks the host to stop; systemd starts the daemon again (OCPP Reset).</summary>
    void RequestRestart();
}
