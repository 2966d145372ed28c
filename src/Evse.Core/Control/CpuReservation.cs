using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Evse.Core.Control;

/// <summary>
/// One CPU kept for the control loops and the driver threads that wake them (pilot sense, residual-current edge), with
/// every other thread of the daemon moved off it. Linux only; a no-op elsewhere and until <see cref="TryReserve"/> ran.
/// </summary>
/// <remarks>
/// <para>
/// Why: a SCHED_FIFO loop woken on a CPU where an ordinary thread is inside the kernel waits until that thread reaches a
/// preemption point, which on a kernel built without full preemption (PREEMPT_NONE or VOLUNTARY, as many distribution
/// kernels are) can be milliseconds; softirq work raised by the daemon's own network traffic runs on the CPU that raised
/// it, ahead of any thread. And a wake-up sent to another, idle CPU costs an interrupt and, in a virtual machine, the
/// host waking that virtual CPU. With the loop and the thread that wakes it on a CPU nothing else of the daemon uses, the
/// wake-up is a preemption on the same CPU. Measured on the 2-core development VM (10,000 C→B trips under the bench's
/// load): p99.9 5.5 ms and max 11.3 ms unpinned; 0.15–0.21 ms and 1.3–1.5 ms with this. See docs/charging-domain.md.
/// </para>
/// <para>
/// A thread inherits its creator's CPU mask, so a thread started by a reserved thread would land on the reserved CPU:
/// <see cref="SweepOthers"/> moves every thread not entered here back off it, and the Host runs it periodically.
/// Other services on the machine are kept off the CPU by the system's configuration (systemd <c>CPUAffinity=</c>), not
/// by the daemon.
/// </para>
/// </remarks>
public static class CpuReservation
{
    private const int MaskWords = 16; // cpu_set_t: 1,024 CPUs
    private static readonly ConcurrentDictionary<int, bool> s_reservedThreads = new();
    private static ulong[]? s_othersMask;

    /// <summary>The reserved CPU, or -1 when none is.</summary>
    public static int ReservedCpu { get; private set; } = -1;

    /// <summary>
    /// Parses an option value: empty or "none" = no reservation (-1), "last" = the highest CPU this process may run on
    /// (when it may run on two or more), or a CPU number. False with a reason for anything else.
    /// </summary>
    public static bool TryResolve(string? setting, out int cpu, out string? error)
    {
        cpu = -1;
        error = null;
        var text = setting?.Trim() ?? string.Empty;
        if (text.Length == 0 || string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var allowed = AllowedCpus();
        if (string.Equals(text, "last", StringComparison.OrdinalIgnoreCase))
        {
            cpu = allowed.Count >= 2 ? allowed[^1] : -1;
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            error = $"'{setting}' is not a CPU: use none, last or a CPU number";
            return false;
        }

        if (OperatingSystem.IsLinux() && !allowed.Contains(number))
        {
            error = $"CPU {number} is not one this process may run on ({string.Join(",", allowed)})";
            return false;
        }

        cpu = number;
        return true;
    }

    /// <summary>
    /// Reserves <paramref name="cpu"/> and moves every thread of the process off it. False when it cannot (not Linux,
    /// fewer than two CPUs to run on, or the CPU is not one of them): nothing changes then.
    /// </summary>
    public static bool TryReserve(int cpu)
    {
        var allowed = AllowedCpus();
        if (!OperatingSystem.IsLinux() || cpu < 0 || allowed.Count < 2 || !allowed.Contains(cpu))
        {
            return false;
        }

        var others = new ulong[MaskWords];
        foreach (var c in allowed.Where(c => c != cpu))
        {
            others[c / 64] |= 1UL << (c % 64);
        }

        s_othersMask = others;
        ReservedCpu = cpu;
        SweepOthers();
        return true;
    }

    /// <summary>Puts the calling thread on the reserved CPU only (a loop or a driver that wakes one). No-op without a reservation.</summary>
    public static void EnterReservedCpu()
    {
        var cpu = ReservedCpu;
        if (cpu < 0)
        {
            return;
        }

        var tid = GetTid();
        s_reservedThreads[tid] = true;
        var mask = new ulong[MaskWords];
        mask[cpu / 64] = 1UL << (cpu % 64);
        _ = SchedSetAffinity(tid, MaskWords * sizeof(ulong), mask);
    }

    /// <summary>Moves every thread of the process that did not enter the reserved CPU off it; returns how many it set.</summary>
    public static int SweepOthers()
    {
        var mask = s_othersMask;
        if (mask is null)
        {
            return 0;
        }

        var moved = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
                && !s_reservedThreads.ContainsKey(tid)
                && SchedSetAffinity(tid, MaskWords * sizeof(ulong), mask) == 0)
            {
                moved++;
            }
        }

        return moved;
    }

    /// <summary>The CPUs the process may run on now, ascending (empty off Linux).</summary>
    private static List<int> AllowedCpus()
    {
        var cpus = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return cpus;
        }

        var mask = new ulong[MaskWords];
        if (SchedGetAffinity(0, MaskWords * sizeof(ulong), mask) != 0)
        {
            return cpus;
        }

        for (var c = 0; c < MaskWords * 64; c++)
        {
            if ((mask[c / 64] & (1UL << (c % 64))) != 0)
            {
                cpus.Add(c);
            }
        }

        return cpus;
    }

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetTid();

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SchedSetAffinity(int tid, nint size, ulong[] mask);

    [DllImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SchedGetAffinity(int tid, nint size, ulong[] mask);
}
