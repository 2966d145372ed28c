using System.Runtime.InteropServices;

namespace Evse.Core.Control;

/// <summary>
/// Wakes one waiting thread without a lock in user space: on Linux an <c>eventfd</c>, so <see cref="Set"/> is one
/// <c>write</c> and <see cref="Wait"/> one <c>read</c>, and the kernel does the rest.
/// </summary>
/// <remarks>
/// The control loop runs at a real-time priority on a CPU of its own; the threads it talks to (the record writer, the
/// indicator, anything that posts to its inbox from the thread pool) are ordinary threads on the other CPUs.
/// <see cref="SemaphoreSlim"/> and <see cref="ManualResetEventSlim"/> guard their waiters with a monitor: an ordinary
/// thread preempted while holding it (inside <c>Release</c>, or waking from <c>Wait</c>) keeps the loop waiting for a
/// whole time slice of the busy CPU. The trip-latency bench's lock probe caught the loop waiting 1.65 ms for the record
/// writer that way. An eventfd has no such lock. Where eventfd is missing (not Linux) a <see cref="SemaphoreSlim"/>
/// stands in, with the old behaviour. Sets are counted but a wait consumes all of them: it is a wake-up, not a count.
/// </remarks>
internal sealed class WakeSignal : IDisposable
{
    private const int EfdCloexec = 0x80000;
    private const int Closing = 1 << 30;

    private readonly int _fd;
    private readonly SemaphoreSlim? _fallback;
    private CancellationToken _registeredToken;
    private CancellationTokenRegistration _registration;
    // The setters inside Set right now, plus Closing once Dispose began: the descriptor is closed only when no setter can
    // still write to it (a number the kernel may hand to the next file opened, the database's say).
    private int _setters;

    public WakeSignal()
    {
        _fd = TryCreateEventFd();
        _fallback = _fd < 0 ? new SemaphoreSlim(0) : null;
    }

    /// <summary>True when the lock-free kernel object is in use (Linux).</summary>
    public bool IsKernelSignal => _fd >= 0;

    /// <summary>Wakes the waiter, or the next wait if nobody waits now. Never blocks on another thread.</summary>
    public void Set()
    {
        if (_fallback is not null)
        {
            _fallback.Release();
            return;
        }

        if ((Interlocked.Increment(ref _setters) & Closing) == 0)
        {
            ulong one = 1;
            _ = Write(_fd, ref one, sizeof(ulong));
        }

        Interlocked.Decrement(ref _setters);
    }

    /// <summary>
    /// Blocks until <see cref="Set"/> was called since the last wait returned; throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled and
    /// <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.
    /// </summary>
    public void Wait(CancellationToken cancellationToken = default)
    {
        if (_fallback is not null)
        {
            _fallback.Wait(cancellationToken);
            return;
        }

        if (cancellationToken.CanBeCanceled && cancellationToken != _registeredToken)
        {
            // Registered once per token (the loop waits with the same one all its life), so a wait allocates nothing.
            _registration.Dispose();
            _registeredToken = cancellationToken;
            _registration = cancellationToken.UnsafeRegister(static s => ((WakeSignal)s!).Set(), this);
        }

        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf((Volatile.Read(ref _setters) & Closing) != 0, this);
        ulong count = 0;
        while (Read(_fd, ref count, sizeof(ulong)) < 0)
        {
            // EINTR (a signal landed): read again. EBADF: disposed meanwhile. Anything else is a bug.
            var errno = Marshal.GetLastPInvokeError();
            ObjectDisposedException.ThrowIf(errno == 9, this);
            if (errno != 4)
            {
                throw new InvalidOperationException($"read of the wake-up eventfd failed (errno {errno}).");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Only once nobody waits any more (a blocked read is not woken by a close).</summary>
    public void Dispose()
    {
        if ((Interlocked.Or(ref _setters, Closing) & Closing) != 0)
        {
            return;
        }

        _registration.Dispose();
        _fallback?.Dispose();
        if (_fd >= 0)
        {
            // A setter that got in before Closing is one write away from leaving.
            var spinner = default(SpinWait);
            while ((Volatile.Read(ref _setters) & ~Closing) != 0)
            {
                spinner.SpinOnce();
            }

            _ = Close(_fd);
        }
    }

    private static int TryCreateEventFd()
    {
        try
        {
            return OperatingSystem.IsLinux() ? EventFd(0, EfdCloexec) : -1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }

    [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int EventFd(uint initialValue, int flags);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint Write(int fd, ref ulong value, nint count);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint Read(int fd, ref ulong value, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
