using Evse.Core.Ports;

namespace Evse.Core.Station;

/// <summary>
/// Fans the connectors' events out to every subscriber (OCPP, load management, the portal's live view).
/// Subscribers are added at composition time; each must return at once.
/// </summary>
public sealed class StationEventHub : IStationEventSink
{
    private readonly List<IStationEventSink> _subscribers = [];
    private IStationEventSink[] _snapshot = [];

    public void Subscribe(IStationEventSink subscriber)
    {
        lock (_subscribers)
        {
            _subscribers.Add(subscriber);
            _snapshot = [.. _subscribers];
        }
    }

    public void Publish(StationEvent stationEvent)
    {
        foreach (var subscriber in Volatile.Read(ref _snapshot))
        {
            subscriber.Publish(stationEvent);
        }
    }
}
