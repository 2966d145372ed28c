using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

/// <summary>The grid meter sees the household load plus what the station's own connectors draw.</summary>
internal sealed class SimGridMeter(SimulatedGrid grid, IReadOnlyList<SimulatedConnector> connectors, Func<SimulatedFault, bool> isFaultActive) : IGridMeter
{
    public bool TryRead(out GridMeterSample sample)
    {
        if (isFaultActive(SimulatedFault.GridMeterSilent))
        {
            sample = null!;
            return false;
        }

        var voltage = grid.VoltageVolts;
        var household = grid.HouseholdAmps;
        double l1 = household.L1, l2 = household.L2, l3 = household.L3, energyWh = 0;
        foreach (var connector in connectors)
        {
            var drawn = connector.CurrentAmps;
            l1 += drawn.L1;
            l2 += drawn.L2;
            l3 += drawn.L3;
            energyWh += connector.EnergyWh;
        }

        var current = new PhaseValues(l1, l2, l3);
        var power = new PhaseValues(voltage.L1 * l1, voltage.L2 * l2, voltage.L3 * l3);
        sample = new GridMeterSample(voltage, current, power, energyWh, 0, grid.FrequencyHz);
        return true;
    }
}
