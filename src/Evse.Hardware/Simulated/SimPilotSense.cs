using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimPilotSense(SimulatedConnector owner) : IPilotSense
{
    private readonly object _gate = new();
    private readonly Queue<PilotReading> _undelivered = new();
    private PilotReading _last = new(12, 12);
    private bool _delivering;

    public event EventHandler<PilotReading>? ReadingChanged;

    public PilotReading Read()
    {
        lock (_gate)
        {
            return _last;
        }
    }

    /// <summary>
    /// Recomputes the line voltages and raises <see cref="ReadingChanged"/> when they moved. The test API and the
    /// control loop both change the world, from different threads, so readings must reach the handlers in the order the
    /// world changed; but a handler must not run under the lock either: it wakes the control loop, a real-time thread
    /// that drives the pilot and so comes back here. Woken while the thread that woke it still held the lock, the loop
    /// spun on it at a higher priority than the holder on the same CPU (a trip measured at 105 ms, all of it the loop
    /// spinning). So the lock only orders: each reading is queued under it, and whichever thread finds nobody delivering
    /// delivers the queue, in order, outside it. A real driver (AdcPilotSense) raises its event outside its lock too.
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
            _undelivered.Enqueue(reading);
            if (_delivering)
            {
                return;
            }

            _delivering = true;
        }

        while (true)
        {
            PilotReading next;
            lock (_gate)
            {
                if (!_undelivered.TryDequeue(out next))
                {
                    _delivering = false;
                    return;
                }
            }

            ReadingChanged?.Invoke(this, next);
        }
    }
}
