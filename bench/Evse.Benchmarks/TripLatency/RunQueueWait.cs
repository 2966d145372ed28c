using System.Globalization;
using System.Runtime.InteropServices;

namespace Evse.Benchmarks.TripLatency;

/// <summary>
/// How long a thread has waited, runnable but not running, on a CPU's run queue: the second field of
/// <c>/proc/self/task/&lt;tid&gt;/schedstat</c> (nanoseconds, kept by the kernel's sched_info accounting). Read before
/// and after a trip, it tells a trip that waited for its CPU (preempted by something of higher class: another
/// real-time thread, the kernel's fair-server or RT-throttling bandwidth control) from one that was slow while running.
/// </summary>
internal sealed class RunQueueWait
{
    private readonly string _path;

    private RunQueueWait(int tid, string name)
    {
        _path = $"/proc/self/task/{tid}/schedstat";
        Name = name;
    }

    public string Name { get; }

    /// <summary>The calling thread.</summary>
    public static RunQueueWait? ForCurrentThread(string name) =>
        OperatingSystem.IsLinux() ? new RunQueueWait(GetTid(), name) : null;

    /// <summary>The first thread of this process whose name (comm, at most 15 characters) is <paramref name="comm"/>.</summary>
    public static RunQueueWait? ForThreadNamed(string comm)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (string.Equals(File.ReadAllText(Path.Combine(task, "comm")).Trim(), comm, StringComparison.Ordinal))
            {
                return new RunQueueWait(int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture), comm);
            }
        }

        return null;
    }

    /// <summary>Time on a CPU and time waiting runnable for one, so far, in nanoseconds.</summary>
    public (long RunNs, long WaitNs) Read()
    {
        // "run_ns wait_ns timeslices"
        var text = File.ReadAllText(_path);
        var first = text.IndexOf(' ', StringComparison.Ordinal);
        var second = text.IndexOf(' ', first + 1);
        return (long.Parse(text.AsSpan(0, first), CultureInfo.InvariantCulture), long.Parse(text.AsSpan(first + 1, second - first - 1), CultureInfo.InvariantCulture));
    }

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetTid();
}
