using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Evse.Benchmarks.TripLatency;

/// <summary>
/// Records every garbage collection of the process from the runtime's own GC events: its generation and type
/// (blocking or background), the time the runtime took to suspend the managed threads (SuspendEE begin → end),
/// the whole pause (SuspendEE begin → RestartEE end), the bytes promoted and the heap size after it.
/// </summary>
/// <remarks>
/// The suspension time is recorded apart because it is the part a real-time thread can stretch: the collection
/// cannot start until every managed thread has reached a safe point, and a thread that cannot run (its core held
/// by a SCHED_FIFO thread) holds all of them. Events arrive on the runtime's dispatch thread, a little late; the
/// pause is taken from the events' own timestamps, so that lateness does not count.
/// </remarks>
internal sealed class GcPauseRecorder : EventListener
{
    private const int GCKeyword = 0x1;
    private const int GCStart = 1;
    private const int GCHeapStats = 4;
    private const int RestartEEEnd = 3;
    private const int SuspendEEEnd = 8;
    private const int SuspendEEBegin = 9;

    private readonly object _gate = new();
    private readonly List<GcPause> _pauses = [];
    private int _generation = -1;
    private int _type;
    private int _reason;
    private DateTime _suspendBegin;
    private DateTime _suspendEnd;
    private long _promotedBytes;
    private long _heapBytes;
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    public IReadOnlyList<GcPause> Pauses
    {
        get
        {
            lock (_gate)
            {
                return [.. _pauses];
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)GCKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Payload is null)
        {
            return;
        }

        lock (_gate)
        {
            switch (eventData.EventId)
            {
                case GCStart:
                    _generation = Convert.ToInt32(eventData.Payload[1], CultureInfo.InvariantCulture);
                    _reason = Convert.ToInt32(eventData.Payload[2], CultureInfo.InvariantCulture);
                    _type = Convert.ToInt32(eventData.Payload[3], CultureInfo.InvariantCulture);
                    break;
                case SuspendEEBegin:
                    _suspendBegin = eventData.TimeStamp;
                    _suspendEnd = default;
                    break;
                case SuspendEEEnd:
                    _suspendEnd = eventData.TimeStamp;
                    break;
                case GCHeapStats:
                    // Size and promoted bytes of gen0, gen1, gen2, LOH (pairs), then POH further on; the sum of the
                    // generations is the heap after the collection.
                    _promotedBytes = ToLong(eventData.Payload[1]) + ToLong(eventData.Payload[3]) + ToLong(eventData.Payload[5]) + ToLong(eventData.Payload[7]);
                    _heapBytes = ToLong(eventData.Payload[0]) + ToLong(eventData.Payload[2]) + ToLong(eventData.Payload[4]) + ToLong(eventData.Payload[6]);
                    break;
                case RestartEEEnd when _recording && _suspendBegin != default && _generation >= 0:
                    var suspend = _suspendEnd == default ? TimeSpan.Zero : _suspendEnd - _suspendBegin;
                    _pauses.Add(new GcPause(_generation, _type == 1, _reason, suspend, eventData.TimeStamp - _suspendBegin, _promotedBytes, _heapBytes));
                    _suspendBegin = default;
                    break;
            }
        }
    }

    /// <summary>A Markdown table: per generation, the count, the pause distribution, the longest suspension, promoted bytes and heap size.</summary>
    public string Report()
    {
        var pauses = Pauses;
        var text = new StringBuilder();
        text.AppendLine("| GC pauses | count | p50 ms | p99 ms | max ms | suspend p99 / max ms | work (pause − suspend) p99 / max ms | promoted KiB p50 / max | heap MiB max |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in pauses.GroupBy(p => (p.Generation, p.Background, p.Reason)).OrderBy(g => g.Key.Generation).ThenBy(g => g.Key.Background).ThenBy(g => g.Key.Reason))
        {
            text.AppendLine(Row($"gen{group.Key.Generation} {(group.Key.Background ? "background" : "blocking")} reason {group.Key.Reason}", [.. group]));
        }

        if (pauses.Count > 0)
        {
            text.AppendLine(Row("all", [.. pauses]));
        }

        return text.ToString();
    }

    private static string Row(string name, GcPause[] pauses)
    {
        var ms = pauses.Select(p => p.Pause.TotalMilliseconds).Order().ToArray();
        var promoted = pauses.Select(p => p.PromotedBytes).Order().ToArray();
        var suspend = pauses.Select(p => p.Suspend.TotalMilliseconds).Order().ToArray();
        var work = pauses.Select(p => p.Work.TotalMilliseconds).Order().ToArray();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {pauses.Length:N0} | {At(ms, 0.5):0.00} | {At(ms, 0.99):0.00} | {ms[^1]:0.00} | {At(suspend, 0.99):0.00} / {suspend[^1]:0.00} | {At(work, 0.99):0.00} / {work[^1]:0.00} | {At(promoted, 0.5) / 1024.0:N0} / {promoted[^1] / 1024.0:N0} | {pauses.Max(p => p.HeapBytes) / 1048576.0:0.0} |");
    }

    private static T At<T>(T[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static long ToLong(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}

/// <summary>One stop of the world: the collection's generation, whether it was a background GC, how long the threads took to stop, the whole pause.</summary>
/// <remarks>Reason is the runtime's GCReason: 0 small allocation, 1 induced, 3 empty, 4 allocation (LOH), 6 induced without forcing blocking, 8 low memory (see the runtime's GC event docs).</remarks>
internal readonly record struct GcPause(int Generation, bool Background, int Reason, TimeSpan Suspend, TimeSpan Pause, long PromotedBytes, long HeapBytes)
{
    /// <summary>The collection's own work: the pause without the time to stop the threads.</summary>
    public TimeSpan Work => Pause - Suspend;
}
