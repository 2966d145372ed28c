using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Evse.Benchmarks.TripLatency;

/// <summary>
/// Explains the slow trips of one path: for every trip it notes whether a garbage collection ran or the JIT compiled
/// a method between the trip's start stamp and the contactor's open stamp, and for each outlier (at or above the
/// threshold) which of the two it overlapped. An outlier with neither was preempted (another process or thread ran
/// on the loop's core, a page fault, an interrupt): the loop's own code does not take a millisecond. With run-queue
/// probes (<see cref="RunQueueWait"/>, <c>EVSE_BENCH_SCHEDSTAT=1</c>) it also sums how long the loop and the injecting
/// thread waited for a CPU while runnable during the worst trip and during each outlier.
/// </summary>
internal sealed class TripCauses(long outlierTicks, IReadOnlyList<RunQueueWait>? waits = null)
{
    private readonly IReadOnlyList<RunQueueWait> _waits = waits ?? [];
    private readonly (long RunNs, long WaitNs)[] _atStart = new (long, long)[waits?.Count ?? 0];
    private (long RunNs, long WaitNs)[] _worstDeltas = new (long, long)[waits?.Count ?? 0];
    private int _outliersMostlyQueued;
    private int _trips;
    private int _tripsWithGc;
    private int _outliers;
    private int _outliersWithGc;
    private int _outliersWithJitOnly;
    private int _outliersUnexplained;
    private long _unexplainedMaxTicks;
    private long _gcMaxTicks;
    private TimeSpan _pauseAtStart;
    private int _gcCountAtStart;
    private long _jitCountAtStart;
    private long _worstTicks;
    private int _worstGcs;
    private TimeSpan _worstPause;

    /// <summary>Call just before the trip is caused.</summary>
    public void Before()
    {
        _gcCountAtStart = GC.CollectionCount(0);
        _pauseAtStart = GC.GetTotalPauseDuration();
        _jitCountAtStart = JitInfo.GetCompiledMethodCount(currentThread: false);
        for (var i = 0; i < _waits.Count; i++)
        {
            _atStart[i] = _waits[i].Read();
        }
    }

    /// <summary>Call once the contactor has opened, with the trip's latency.</summary>
    public void After(long latencyTicks)
    {
        var gc = GC.CollectionCount(0) != _gcCountAtStart || GC.GetTotalPauseDuration() != _pauseAtStart;
        var jit = JitInfo.GetCompiledMethodCount(currentThread: false) != _jitCountAtStart;
        _trips++;
        _tripsWithGc += gc ? 1 : 0;
        // No probes (the default): no array per trip, so the bench allocates nothing of its own between trips.
        var deltas = _waits.Count == 0 ? [] : new (long RunNs, long WaitNs)[_waits.Count];
        for (var i = 0; i < _waits.Count; i++)
        {
            var now = _waits[i].Read();
            deltas[i] = (now.RunNs - _atStart[i].RunNs, now.WaitNs - _atStart[i].WaitNs);
        }

        if (latencyTicks > _worstTicks)
        {
            _worstDeltas = deltas;
            // How much of the worst trip the collections inside it explain: their number and their summed pauses.
            _worstTicks = latencyTicks;
            _worstGcs = GC.CollectionCount(0) - _gcCountAtStart;
            _worstPause = GC.GetTotalPauseDuration() - _pauseAtStart;
        }

        if (latencyTicks < outlierTicks)
        {
            return;
        }

        _outliers++;
        if (_waits.Count > 0 && deltas.Max(d => d.WaitNs) * 1e-9 * Stopwatch.Frequency >= latencyTicks / 2.0)
        {
            _outliersMostlyQueued++;
        }

        if (gc)
        {
            _outliersWithGc++;
            _gcMaxTicks = Math.Max(_gcMaxTicks, latencyTicks);
        }
        else if (jit)
        {
            _outliersWithJitOnly++;
        }
        else
        {
            _outliersUnexplained++;
            _unexplainedMaxTicks = Math.Max(_unexplainedMaxTicks, latencyTicks);
        }
    }

    public string Row(string path) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {path} | {_trips:N0} | {_tripsWithGc:N0} | {_outliers:N0} | {_outliersWithGc:N0} ({Micro(_gcMaxTicks):0} µs max) | {_outliersWithJitOnly:N0} | {_outliersUnexplained:N0} ({Micro(_unexplainedMaxTicks):0} µs max) |");

    /// <summary>The slowest trip, with the collections that ran inside it and their summed pause.</summary>
    public string Worst(string path) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {path} | {Micro(_worstTicks):0} | {_worstGcs} | {_worstPause.TotalMilliseconds * 1000:0} | {Micro(_worstTicks) - _worstPause.TotalMilliseconds * 1000:0} |");

    /// <summary>With run-queue probes: how long each probed thread waited for a CPU during the worst trip.</summary>
    public string WorstQueued(string path) => _waits.Count == 0
        ? string.Empty
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{path}: slowest trip {Micro(_worstTicks):0} µs; on a CPU / waiting runnable in it (the rest of the trip: blocked): {string.Join(", ", _waits.Select((w, i) => $"{w.Name} {_worstDeltas[i].RunNs / 1000.0:0} / {_worstDeltas[i].WaitNs / 1000.0:0} µs"))}; outliers where one probed thread waited for a CPU at least half the trip: {_outliersMostlyQueued:N0} of {_outliers:N0}");

    public static string WorstHeader() =>
        "| path | slowest trip µs | collections inside it | their summed pause µs | not covered by a pause µs |\n|---|---:|---:|---:|---:|";

    public static string Header(long outlierTicks) =>
        $"| path | trips | trips with a GC | outliers ≥ {Micro(outlierTicks):0} µs | with a GC | with JIT only | neither (preempted) |\n|---|---:|---:|---:|---:|---:|---:|";

    private static double Micro(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
