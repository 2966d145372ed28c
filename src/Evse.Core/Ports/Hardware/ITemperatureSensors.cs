using Evse.Core.Measurements;

namespace Evse.Core.Ports.Hardware;

/// <summary>Relay, input terminal and socket temperatures.</summary>
public interface ITemperatureSensors
{
    TemperatureReadings Read();
}
