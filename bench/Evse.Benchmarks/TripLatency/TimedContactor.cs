using System.Diagnostics;
using Evse.Core.Ports.Hardware;

namespace Evse.Benchmarks.TripLatency;

/// <summary>Wraps the simulated contactor and stamps the moment the open command reaches it.</summary>
internal sealed class TimedContactor(IContactor inner) : IContactor
{
    private long _openedAt;

    public ManualResetEventSlim Opened { get; } = new(false);

    public ManualResetEventSlim Closed { get; } = new(false);

    public long OpenedAt => Interlocked.Read(ref _openedAt);

    public bool IsCommandedClosed => inner.IsCommandedClosed;

    public bool FeedbackClosed => inner.FeedbackClosed;

    public void Close()
    {
        inner.Close();
        Opened.Reset();
        Closed.Set();
    }

    public void Open()
    {
        var now = Stopwatch.GetTimestamp();
        if (inner.IsCommandedClosed)
        {
            Interlocked.Exchange(ref _openedAt, now);
        }

        inner.Open();
        Closed.Reset();
        Opened.Set();
    }
}
