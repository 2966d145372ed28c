using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Chips;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>The three temperature points, each from any probe or not fitted (NaN).</summary>
public sealed class ProbeTemperatureSensors(ITemperatureProbe? relay, ITemperatureProbe? inputTerminal, ITemperatureProbe? socket) : ITemperatureSensors
{
    public TemperatureReadings Read() => new(
        relay?.ReadCelsius() ?? double.NaN,
        inputTerminal?.ReadCelsius() ?? double.NaN,
        socket?.ReadCelsius() ?? double.NaN);
}
