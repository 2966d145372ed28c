using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Evse.Benchmarks.TripLatency;

/// <summary>
/// A diagnosis aid (<c>EVSE_BENCH_SCHEDSTAT=1</c>): records every contended <c>lock</c> of the process that kept a
/// thread waiting at least <see cref="Threshold"/>, from the runtime's contention events, with the waiting thread's
/// name and the owner's. A trip during which the loop and the injector were neither running nor waiting for a CPU
/// was blocked; a long lock wait behind an ordinary thread is one way to be blocked.
/// </summary>
internal sealed class ContentionRecorder : EventListener
{
    private const long ContentionKeyword = 0x4000;
    private const int ContentionStart = 81;
    private const int ContentionStop = 91;
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(0.5);

    private readonly object _gate = new();
    private readonly Dictionary<long, string> _ownerByWaiter = [];
    private readonly List<(DateTime At, string Waiter, string Owner, double Milliseconds)> _waits = [];

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)ContentionKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        lock (_gate)
        {
            if (eventData.EventId == ContentionStart)
            {
                var owner = eventData.PayloadNames.IndexOf("LockOwnerThreadID");
                // Named now, while the owner still holds the lock (a thread-pool thread may be gone by the report).
                _ownerByWaiter[eventData.OSThreadId] = owner >= 0 && long.TryParse(Convert.ToString(eventData.Payload[owner], CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ownerId)
                    ? ThreadName(ownerId)
                    : "?";
            }
            else if (eventData.EventId == ContentionStop)
            {
                var duration = eventData.PayloadNames.IndexOf("DurationNs");
                var ns = duration >= 0 ? Convert.ToDouble(eventData.Payload[duration], CultureInfo.InvariantCulture) : 0;
                if (ns >= Threshold.TotalMilliseconds * 1e6)
                {
                    _ownerByWaiter.TryGetValue(eventData.OSThreadId, out var owner);
                    _waits.Add((eventData.TimeStamp, ThreadName(eventData.OSThreadId), owner ?? "?", ns / 1e6));
                }
            }
        }
    }

    public string Report()
    {
        lock (_gate)
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"lock waits of {Threshold.TotalMilliseconds} ms or more: {_waits.Count}; the longest:");
            foreach (var group in _waits.GroupBy(w => (Waiter: StripId(w.Waiter), Owner: StripId(w.Owner))).OrderByDescending(g => g.Count()))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Count()} × {group.Key.Waiter} waited for {group.Key.Owner}, longest {group.Max(w => w.Milliseconds):0.00} ms");
            }

            foreach (var (at, waiter, owner, ms) in _waits.OrderByDescending(w => w.Milliseconds).Take(8))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {at:HH:mm:ss.fff} {ms:0.00} ms: {waiter} waited, owner {owner}");
            }

            return text.ToString();
        }
    }

    private static string StripId(string thread) => thread.Split(" (")[0];

    private static string ThreadName(long osThreadId)
    {
        try
        {
            return $"{File.ReadAllText($"/proc/self/task/{osThreadId}/comm").Trim()} ({osThreadId})";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return osThreadId.ToString(CultureInfo.InvariantCulture);
        }
    }
}
