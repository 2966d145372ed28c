namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// An NTC thermistor from the ADC input to ground, with a series resistor from the ADC reference
/// to the input. Beta model: 1/T = 1/T25 + ln(R/R25)/B. An open (code near full scale) or shorted
/// (code near 0) sensor reads NaN, which the protections treat as a sensor fault.
/// </summary>
public sealed class NtcThermistorProbe(IAdc adc, int channel, double seriesOhms, double nominalOhmsAt25C, double betaKelvin) : ITemperatureProbe
{
    private const double KelvinAt25C = 298.15;

    public double ReadCelsius()
    {
        int code;
        try
        {
            code = adc.ReadCode(channel);
        }
        catch (IOException)
        {
            return double.NaN;
        }

        var margin = adc.CodeCount / 100;
        if (code <= margin || code >= adc.CodeCount - 1 - margin)
        {
            return double.NaN;
        }

        var ohms = seriesOhms * code / (adc.CodeCount - code);
        var inverseKelvin = (1 / KelvinAt25C) + (Math.Log(ohms / nominalOhmsAt25C) / betaKelvin);
        return (1 / inverseKelvin) - 273.15;
    }
}
