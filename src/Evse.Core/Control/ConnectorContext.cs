using Evse.Core.Ports;
using Evse.Core.Ports.Hardware;

namespace Evse.Core.Control;

/// <summary>What a connector's control loop works with: its hardware, the station parts it shares, its stores and its peers.</summary>
/// <param name="Hardware">The connector's own parts; the loop is their only user.</param>
/// <param name="Buzzer">The station buzzer (card accepted / rejected).</param>
/// <param name="Supply">The station's PE / polarity monitor.</param>
/// <param name="Stores">Charging and fault records.</param>
/// <param name="Authorizer">Local list, cache, Central System.</param>
/// <param name="Events">Where the connector publishes its status, sessions and meter readings.</param>
/// <param name="StationWatch">Station-wide parts watched by this connector's protections; set on connector 1 only, so a station fault is recorded once.</param>
public sealed record ConnectorContext(
    IConnectorHardware Hardware,
    IBuzzer Buzzer,
    ISupplyMonitor Supply,
    ConnectorStores Stores,
    IAuthorizer Authorizer,
    IStationEventSink Events,
    StationWatch? StationWatch = null);
