using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Evse.Benchmarks.TripLatency;

/// <summary>
/// Explains the slow trips of one path: for every trip it notes whether a garbage collection ran or the JIT compiled
/// a method between the trip's start stamp and the contactor's open stamp, and for each outlier (at or above the
/// threshold) which of the two it overlapped. An outlier with neither was preempted (another process or thread ran
/// on the loop's core, a page fault, an interrupt): the loop's own code does not take a millisecond.
/// </summary>
internal sealed class TripCauses(long outlierTicks)
{
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
    }

    /// <summary>Call once the contactor has opened, with the trip's latency.</summary>
    public void After(long latencyTicks)
    {
        var gc = GC.CollectionCount(0) != _gcCountAtStart || GC.GetTotalPauseDuration() != _pauseAtStart;
        var jit = JitInfo.GetCompiledMethodCount(currentThread: false) != _jitCountAtStart;
        _trips++;
        _tripsWithGc += gc ? 1 : 0;
        if (latencyTicks > _worstTicks)
        {
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

    public static string WorstHeader() =>
        "| path | slowest trip µs | collections inside it | their summed pause µs | not covered by a pause µs |\n|---|---:|---:|---:|---:|";

    public static string Header(long outlierTicks) =>
        $"| path | trips | trips with a GC | outliers ≥ {Micro(outlierTicks):0} µs | with a GC | with JIT only | neither (preempted) |\n|---|---:|---:|---:|---:|---:|---:|";

    private static double Micro(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
