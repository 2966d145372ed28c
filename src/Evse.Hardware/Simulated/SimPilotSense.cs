using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimPilotSense(SimulatedConnector owner) : IPilotSense
{
    private readonly object _gate = new();
    private PilotReading _last = new(12, 12);

    public event EventHandler<PilotReading>? ReadingChanged;

    public PilotReading Read()
    {
        lock (_gate)
        {
            return _last;
        }
    }

    /// <summary>
    /// Recomputes the line voltages and raises <see cref="ReadingChanged"/> when they moved. The test API and
    /// the control loop both change the world, from different threads: computing, comparing and raising under
    /// one lock keeps the readings in the order the world changed (handlers only queue, so this cannot block).
    /// </summary>
    public void Refresh()
    {
        lock (_gate)
        {
            var reading = owner.ComputePilotReading();
            if (reading == _last)
            {
                return;
            }

            _last = reading;
            ReadingChanged?.Invoke(this, reading);
        }
    }
}
