using Evse.Core.Ports.Hardware;

namespace Evse.Testing;

/// <summary>
/// A connector whose residual-current self test answers only once <c>gate</c> completes (then as the inner one does),
/// so a test can see the station while it is still booting. Everything else is the inner connector's.
/// </summary>
public sealed class SelfTestGatedConnector(IConnectorHardware inner, Task gate) : IConnectorHardware, IResidualCurrentMonitor
{
    public int ConnectorId => inner.ConnectorId;

    public IPilotGenerator Pilot => inner.Pilot;

    public IPilotSense PilotSense => inner.PilotSense;

    public IContactor Contactor => inner.Contactor;

    public IEnergyMeter Meter => inner.Meter;

    public IResidualCurrentMonitor ResidualCurrent => this;

    public ITemperatureSensors Temperatures => inner.Temperatures;

    public ISocketLock? SocketLock => inner.SocketLock;

    public IProximityPilot? ProximityPilot => inner.ProximityPilot;

    public bool IsTripped => inner.ResidualCurrent.IsTripped;

    public event EventHandler? Tripped
    {
        add => inner.ResidualCurrent.Tripped += value;
        remove => inner.ResidualCurrent.Tripped -= value;
    }

    public async Task<bool> RunSelfTestAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return await inner.ResidualCurrent.RunSelfTestAsync(cancellationToken);
    }
}
