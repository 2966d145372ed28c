using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimPilotGenerator(SimulatedConnector owner) : IPilotGenerator
{
    private readonly object _gate = new();
    private PilotOutput _output = PilotOutput.NoPowerOffered;

    public PilotOutput Output
    {
        get
        {
            lock (_gate)
            {
                return _output;
            }
        }
    }

    public void Drive(PilotOutput output)
    {
        lock (_gate)
        {
            if (_output == output)
            {
                return;
            }

            _output = output;
        }

        owner.OnWorldChanged();
    }
}
