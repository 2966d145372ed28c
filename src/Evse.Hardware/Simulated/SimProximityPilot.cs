using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimProximityPilot(SimulatedConnector owner, double cableResistanceOhms) : IProximityPilot
{
    public double? ReadResistanceOhms() => owner.Ev.State == PilotState.A ? null : cableResistanceOhms;
}
