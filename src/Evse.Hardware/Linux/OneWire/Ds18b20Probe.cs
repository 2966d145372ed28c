using System.Globalization;
using Evse.Hardware.Linux.Chips;

namespace Evse.Hardware.Linux.OneWire;

/// <summary>
/// A DS18B20 read through the kernel's w1-therm driver (<c>/sys/bus/w1/devices/28-…/w1_slave</c>,
/// Raspberry Pi: <c>dtoverlay=w1-gpio</c>). The first line ends in YES when the scratchpad CRC
/// matched; the second carries <c>t=</c> in milli-degrees. 85 °C is the DS18B20 power-on value
/// (datasheet, "Operation — Measuring temperature"), read back when a conversion never ran, so it counts as no reading.
/// </summary>
public sealed class Ds18b20Probe(string w1SlaveFile) : ITemperatureProbe
{
    public string File => w1SlaveFile;

    public double ReadCelsius()
    {
        string[] lines;
        try
        {
            lines = System.IO.File.ReadAllLines(w1SlaveFile);
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }

        return Parse(lines);
    }

    internal static double Parse(IReadOnlyList<string> lines)
    {
        if (lines.Count < 2 || !lines[0].TrimEnd().EndsWith("YES", StringComparison.Ordinal))
        {
            return double.NaN;
        }

        var at = lines[1].IndexOf("t=", StringComparison.Ordinal);
        if (at < 0 || !int.TryParse(lines[1].AsSpan(at + 2).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milli))
        {
            return double.NaN;
        }

        return milli == 85_000 ? double.NaN : milli / 1000.0;
    }
}
