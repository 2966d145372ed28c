using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Chips;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>
/// The Type 2 proximity pilot: a pull-up resistor from a known supply to PP, the cable's coding
/// resistor (IEC 61851-1 Annex B: 1.5 kΩ 13 A, 680 Ω 20 A, 220 Ω 32 A, 100 Ω 63 A) from PP to PE, and
/// the ADC on PP. R = Rpull-up · V / (Vsupply − V); near the supply nothing is plugged in.
/// </summary>
public sealed class AdcProximityPilot(IAdc adc, int channel, double pullUpOhms, double supplyVolts) : IProximityPilot
{
    public double? ReadResistanceOhms()
    {
        var volts = adc.ReadVolts(channel);
        if (volts >= supplyVolts * 0.95)
        {
            return null;
        }

        return pullUpOhms * volts / (supplyVolts - volts);
    }
}
