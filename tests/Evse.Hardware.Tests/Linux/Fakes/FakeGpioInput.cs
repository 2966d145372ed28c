using System.Collections.Concurrent;
using Evse.Hardware.Linux.Gpio;

namespace Evse.Hardware.Tests.Linux.Fakes;

internal sealed class FakeGpioInput : IGpioInput
{
    private readonly BlockingCollection<GpioEdge> _edges = [];

    public bool Level { get; set; }

    public bool Disposed { get; private set; }

    public bool Read() => Level;

    /// <summary>Sets the level and queues the edge, as the kernel would.</summary>
    public void Drive(bool level)
    {
        Level = level;
        _edges.Add(new GpioEdge(level, TimeSpan.Zero));
    }

    public bool TryWaitForEdge(TimeSpan timeout, out GpioEdge edge) => _edges.TryTake(out edge, timeout);

    public void Dispose()
    {
        Disposed = true;
        _edges.Dispose();
    }
}
