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

    /// <summary>Recomputes the line voltages and raises <see cref="ReadingChanged"/> when they moved.</summary>
    public void Refresh()
    {
        var reading = owner.ComputePilotReading();
        lock (_gate)
        {
            if (reading == _last)
            {
                return;
            }

            _last = reading;
        }

        ReadingChanged?.Invoke(this, reading);
    }
}
