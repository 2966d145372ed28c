using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimTemperatureSensors(SimulatedConnector owner) : ITemperatureSensors
{
    private const double AmbientCelsius = 25;

    public TemperatureReadings Read() => new(
        owner.IsFaultActive(SimulatedFault.RelayOverTemperature) ? 130 : AmbientCelsius,
        owner.IsFaultActive(SimulatedFault.InputOverTemperature) ? 120 : AmbientCelsius,
        owner.IsFaultActive(SimulatedFault.SocketOverTemperature) ? 120 : AmbientCelsius);
}
