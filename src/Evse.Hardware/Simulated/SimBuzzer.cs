using System.Collections.Concurrent;
using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimBuzzer : IBuzzer
{
    private const int Remembered = 32;
    private readonly ConcurrentQueue<BuzzerPattern> _played = new();

    /// <summary>The most recent patterns played, oldest first.</summary>
    public IReadOnlyList<BuzzerPattern> Played => [.. _played];

    public void Play(BuzzerPattern pattern)
    {
        _played.Enqueue(pattern);
        while (_played.Count > Remembered && _played.TryDequeue(out _))
        {
        }
    }
}
