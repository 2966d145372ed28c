using System.Diagnostics;
using System.Globalization;

namespace Evse.Benchmarks.Backlog;

/// <summary>
/// Where a replay's time goes. The replay is strictly sequential (one message in flight), so every hook closes the
/// phase that ran since the previous hook ("lap"): the phases add up to the whole replay, with no overlap.
/// </summary>
internal sealed class ReplayProfile
{
    private readonly Lock _gate = new();
    private static readonly long SlowTicks = Stopwatch.Frequency / 10_000; // 100 µs

    private readonly Dictionary<string, (long Ticks, long Count, long Slow, long SlowTicks, long MaxTicks)> _phases = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private long _last;

    public void Start()
    {
        lock (_gate)
        {
            _last = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Charges the time since the previous lap to <paramref name="phase"/>.</summary>
    public void Lap(string phase)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (!_phases.TryGetValue(phase, out var sum))
            {
                _order.Add(phase);
            }

            var lap = now - _last;
            var slow = lap > SlowTicks;
            _phases[phase] = (sum.Ticks + lap, sum.Count + 1, sum.Slow + (slow ? 1 : 0), sum.SlowTicks + (slow ? lap : 0), Math.Max(sum.MaxTicks, lap));
            _last = now;
        }
    }

    public void Print(int messages, TimeSpan wall)
    {
        var total = 0L;
        Console.WriteLine($"Breakdown per message (µs, mean over {messages} messages; phases in the order they run; how many laps took over 100 µs, their share of the mean, and the longest):");
        foreach (var phase in _order)
        {
            var (ticks, count, slow, slowTicks, maxTicks) = _phases[phase];
            total += ticks;
            var perMessage = Stopwatch.GetElapsedTime(0, ticks).TotalMicroseconds / messages;
            var slowPerMessage = Stopwatch.GetElapsedTime(0, slowTicks).TotalMicroseconds / messages;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {perMessage,8:F1}  {phase} ({count} times; {slow} over 100 µs = {slowPerMessage:F1}; max {Stopwatch.GetElapsedTime(0, maxTicks).TotalMicroseconds:F0})"));
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {Stopwatch.GetElapsedTime(0, total).TotalMicroseconds / messages,8:F1}  sum of phases (replay wall clock {wall.TotalMicroseconds / messages:F1})"));
    }
}
