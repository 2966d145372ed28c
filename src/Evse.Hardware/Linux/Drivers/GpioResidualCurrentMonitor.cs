using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Gpio;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>
/// The residual-current monitor's trip output on an edge-event input and its test winding on an
/// output. A thread waits for trip edges; on a trip it opens the contactor first (safety does not
/// wait in a queue) and then raises <see cref="Tripped"/>. During a self-test the trip is expected
/// and not reported.
/// </summary>
public sealed class GpioResidualCurrentMonitor : IResidualCurrentMonitor, IDisposable
{
    private readonly IGpioInput _trip;
    private readonly IGpioOutput _test;
    private readonly IContactor? _contactor;
    private readonly TimeProvider _time;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private volatile bool _selfTesting;

    public GpioResidualCurrentMonitor(IGpioInput trip, IGpioOutput test, IContactor? contactorToOpen, TimeProvider time)
    {
        _trip = trip;
        _test = test;
        _contactor = contactorToOpen;
        _time = time;
        _test.Write(false);
        _thread = new Thread(WatchEdges) { IsBackground = true, Name = "rcd-trip" };
    }

    public event EventHandler? Tripped;

    /// <summary>CCID20 / RDC-DD modules trip within tens of ms of the test current; 500 ms is a generous bound.</summary>
    public TimeSpan TripTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the module may take to release after the test current stops.</summary>
    public TimeSpan ReleaseTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public bool IsTripped => _trip.Read();

    public void Start()
    {
        if (!_thread.IsAlive)
        {
            _thread.Start();
        }
    }

    public async Task<bool> RunSelfTestAsync(CancellationToken cancellationToken)
    {
        if (_trip.Read())
        {
            return false; // Already tripped: the test cannot tell anything.
        }

        _selfTesting = true;
        try
        {
            _test.Write(true);
            var tripped = await WaitForAsync(true, TripTimeout, cancellationToken).ConfigureAwait(false);
            _test.Write(false);
            var released = tripped && await WaitForAsync(false, ReleaseTimeout, cancellationToken).ConfigureAwait(false);
            return tripped && released;
        }
        finally
        {
            _test.Write(false);
            _selfTesting = false;
        }
    }

    /// <summary>Handles one edge as the thread does. Internal for tests of the safety order.</summary>
    internal void OnEdge(GpioEdge edge)
    {
        if (edge.BecameActive && !_selfTesting)
        {
            _contactor?.Open();
            Tripped?.Invoke(this, EventArgs.Empty);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _test.Dispose();
        _trip.Dispose();
    }

    private async Task<bool> WaitForAsync(bool tripped, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        while (true)
        {
            if (_trip.Read() == tripped)
            {
                return true;
            }

            if (_time.GetElapsedTime(start) >= timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void WatchEdges()
    {
        // A trip opens the contactor from this thread: on the loops' reserved CPU, nothing of the daemon delays it.
        Evse.Core.Control.CpuReservation.EnterReservedCpu();
        while (!_stopping)
        {
            // A bounded wait so Dispose is noticed within 100 ms.
            if (_trip.TryWaitForEdge(TimeSpan.FromMilliseconds(100), out var edge))
            {
                OnEdge(edge);
            }
        }
    }
}
