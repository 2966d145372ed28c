using Evse.Core.Ports.Hardware;
using Evse.Hardware.Simulated;

namespace Evse.Benchmarks.TripLatency;

/// <summary>The simulated connector with its contactor timed and its meter reads counted.</summary>
internal sealed class TimedConnector(SimulatedConnector inner) : IConnectorHardware
{
    public TimedContactor TimedContactor { get; } = new(inner.Contactor);

    public int ConnectorId => inner.ConnectorId;

    public IPilotGenerator Pilot => inner.Pilot;

    public IPilotSense PilotSense => inner.PilotSense;

    public IContactor Contactor => TimedContactor;

    public CountingMeter CountingMeter { get; } = new(inner.Meter);

    public IEnergyMeter Meter => CountingMeter;

    public IResidualCurrentMonitor ResidualCurrent => inner.ResidualCurrent;

    public ITemperatureSensors Temperatures => inner.Temperatures;

    public ISocketLock? SocketLock => inner.SocketLock;

    public IProximityPilot? ProximityPilot => inner.ProximityPilot;
}
