using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimSupplyMonitor(Func<SimulatedFault, bool> isFaultActive) : ISupplyMonitor
{
    public SupplyCheck Read() => new(!isFaultActive(SimulatedFault.GroundFault), !isFaultActive(SimulatedFault.LnReversed));
}
