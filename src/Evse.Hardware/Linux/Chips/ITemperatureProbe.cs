namespace Evse.Hardware.Linux.Chips;

/// <summary>One temperature sensor. NaN when it is missing, broken or out of range.</summary>
public interface ITemperatureProbe
{
    double ReadCelsius();
}
