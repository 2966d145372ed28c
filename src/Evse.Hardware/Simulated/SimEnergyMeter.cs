using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimEnergyMeter(SimulatedConnector owner) : IEnergyMeter
{
    public bool TryRead(out MeterSample sample)
    {
        sample = owner.ReadMeter();
        if (owner.IsFaultActive(SimulatedFault.MeterSilent))
        {
            sample = null!;
            return false;
        }

        return true;
    }
}
