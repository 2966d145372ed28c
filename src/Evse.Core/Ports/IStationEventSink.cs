using Evse.Core.Station;

namespace Evse.Core.Ports;

/// <summary>
/// Receives what the connectors publish. Called on a control loop's thread: implementations
/// hand the event on (a channel, a snapshot) and return at once, never blocking on I/O.
/// </summary>
public interface IStationEventSink
{
    void Publish(StationEvent stationEvent);
}
