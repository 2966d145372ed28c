using System.Runtime.InteropServices;

namespace Evse.Core.Control;

/// <summary>
/// Puts the calling thread (a connector's control loop) in the Linux SCHED_FIFO class, so that a woken loop
/// runs at once instead of waiting its turn behind HTTP, OCPP and GC work on a 2-core board.
/// <see cref="Thread.Priority"/> does nothing on Linux, hence the system call.
/// </summary>
internal static class LoopThreadScheduling
{
    private const int SchedFifo = 1;

    /// <summary>False with the errno when the kernel refuses (no CAP_SYS_NICE / RLIMIT_RTPRIO, RestrictRealtime=yes).</summary>
    public static bool TryUseRealTime(int priority, out int errno)
    {
        errno = 0;
        if (priority <= 0 || !OperatingSystem.IsLinux())
        {
            return false;
        }

        var parameters = new SchedParam { Priority = priority };

        // pid 0 is the calling thread: only the loop's thread changes class, not the process.
        if (SchedSetScheduler(0, SchedFifo, ref parameters) == 0)
        {
            return true;
        }

        errno = Marshal.GetLastPInvokeError();
        return false;
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
