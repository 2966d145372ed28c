namespace Evse.Hardware.Linux.Chips;

public static class AdcExtensions
{
    /// <summary>Code to volts: MCP3008 eq. 4-2 and MCP3202 eq. 4-1, code = codes · VIN / VREF.</summary>
    public static double ReadVolts(this IAdc adc, int channel)
    {
        ArgumentNullException.ThrowIfNull(adc);
        return adc.ReadCode(channel) * adc.ReferenceVolts / adc.CodeCount;
    }
}
