namespace Evse.Core.Measurements;

/// <summary>
/// Temperatures at the three points the protections watch, in °C.
/// A sensor that is not fitted reads <see cref="double.NaN"/>.
/// </summary>
public readonly record struct TemperatureReadings(
    double RelayCelsius,
    double InputTerminalCelsius,
    double SocketCelsius)
{
    public static TemperatureReadings NotFitted => new(double.NaN, double.NaN, double.NaN);
}
