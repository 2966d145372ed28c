using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Evse.Benchmarks.TripLatency;

/// <summary>
/// The thread that causes each trip, standing in for a driver's thread (pilot ADC, GPIO edge). With a real-time
/// priority (below the loop's) it is not preempted by ordinary threads between taking the start time and causing the trip, so the
/// figure is the loop's latency and not the benchmark's own scheduling. It blocks between trips, never spins.
/// </summary>
internal sealed class TripInjector : IDisposable
{
    private const int SchedFifo = 1;

    private readonly SemaphoreSlim _go = new(0);
    private readonly ManualResetEventSlim _done = new(false);
    private readonly Thread _thread;
    private Action? _trip;
    private long _startedAt;
    private volatile bool _stopping;

    public TripInjector(int realTimePriority)
    {
        _thread = new Thread(() => Run(realTimePriority)) { IsBackground = true, Name = "trip-injector" };
        _thread.Start();
    }

    /// <summary>Causes one trip on the injector's thread; returns the Stopwatch timestamp taken just before it.</summary>
    public long Fire(Action trip)
    {
        _trip = trip;
        _done.Reset();
        _go.Release();
        _done.Wait();
        return Interlocked.Read(ref _startedAt);
    }

    public void Dispose()
    {
        _stopping = true;
        _go.Release();
        _thread.Join();
        _go.Dispose();
        _done.Dispose();
    }

    private void Run(int realTimePriority)
    {
        if (realTimePriority > 0 && OperatingSystem.IsLinux())
        {
            var parameters = new SchedParam { Priority = realTimePriority };
            _ = SchedSetScheduler(0, SchedFifo, ref parameters);
        }

        while (true)
        {
            _go.Wait();
            if (_stopping)
            {
                return;
            }

            Interlocked.Exchange(ref _startedAt, Stopwatch.GetTimestamp());
            _trip!();
            _done.Set();
        }
    }

    [DllImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SchedSetScheduler(int pid, int policy, ref SchedParam parameters);

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }
}
