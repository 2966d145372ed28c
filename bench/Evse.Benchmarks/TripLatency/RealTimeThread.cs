using System.Runtime.InteropServices;

namespace Evse.Benchmarks.TripLatency;

/// <summary>
/// Runs a path's trips on a thread of their own in the Linux SCHED_FIFO class, below the loop's priority. The thread
/// stands in for the drivers that cause trips (pilot ADC, GPIO edge): ordinary threads (the background load) do not
/// preempt it between taking the start time and causing the trip, and the loop, when woken, preempts it at once.
/// </summary>
internal static class RealTimeThread
{
    private const int SchedOther = 0;
    private const int SchedFifo = 1;

    /// <summary>
    /// Puts the calling thread in SCHED_FIFO at <paramref name="priority"/> (0: leaves it as it is) and, with a priority,
    /// on the CPU reserved for the loops when there is one, as the daemon's driver threads are.
    /// </summary>
    public static void Enter(int priority)
    {
        if (priority > 0)
        {
            Evse.Core.Control.CpuReservation.EnterReservedCpu();
        }

        if (priority > 0 && OperatingSystem.IsLinux())
        {
            var parameters = new SchedParam { Priority = priority };
            _ = SchedSetScheduler(0, SchedFifo, ref parameters);
        }
    }

    /// <summary>Back to an ordinary thread.</summary>
    public static void Leave(int priority)
    {
        if (priority > 0 && OperatingSystem.IsLinux())
        {
            var parameters = new SchedParam { Priority = 0 };
            _ = SchedSetScheduler(0, SchedOther, ref parameters);
        }
    }

    public static T Run<T>(string name, int priority, Func<T> body)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            Enter(priority);
            try
            {
                result = body();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException($"{name} failed", failure);
    }

    /// <summary>Blocks the calling thread (no spinning) for about <paramref name="microseconds"/>: nanosleep(2).</summary>
    public static void SleepMicroseconds(int microseconds)
    {
        var request = new TimeSpec { Seconds = microseconds / 1_000_000, Nanoseconds = microseconds % 1_000_000 * 1000L };
        _ = NanoSleep(ref request, IntPtr.Zero);
    }

    [DllImport("libc", EntryPoint = "nanosleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NanoSleep(ref TimeSpec request, IntPtr remaining);

    [DllImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SchedSetScheduler(int pid, int policy, ref SchedParam parameters);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }
}
