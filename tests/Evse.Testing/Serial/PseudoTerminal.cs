using System.Runtime.InteropServices;
using System.Text;
using Evse.Hardware.Linux.Interop;

namespace Evse.Testing.Serial;

/// <summary>
/// A real pseudo-terminal pair: the code under test opens <see cref="SlavePath"/> like a serial
/// device; the test plays the other end on the master fd.
/// </summary>
public sealed partial class PseudoTerminal : IDisposable
{
    private readonly FileDescriptorHandle _master;

    public PseudoTerminal()
    {
        var fd = PosixOpenpt(Libc.ORdWr | Libc.ONoCtty);
        if (fd < 0)
        {
            throw NativeError.Last("posix_openpt");
        }

        _master = new FileDescriptorHandle(fd);
        if (Grantpt(fd) != 0 || Unlockpt(fd) != 0)
        {
            throw NativeError.Last("grantpt/unlockpt");
        }

        var name = new byte[128];
        if (PtsnameR(fd, name, (nuint)name.Length) != 0)
        {
            throw NativeError.Last("ptsname_r");
        }

        SlavePath = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
    }

    public string SlavePath { get; }

    /// <summary>Reads what the slave side wrote, waiting up to <paramref name="timeout"/>; 0 on timeout.</summary>
    public unsafe int Read(Span<byte> buffer, TimeSpan timeout)
    {
        var pollFd = new PollFd { Fd = _master.Fd, Events = Libc.PollIn };
        if (Libc.Poll(&pollFd, 1, (int)timeout.TotalMilliseconds) <= 0)
        {
            return 0;
        }

        fixed (byte* start = buffer)
        {
            var n = Libc.Read(_master.Fd, start, (nuint)buffer.Length);
            return n < 0 ? 0 : (int)n;
        }
    }

    public unsafe void Write(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            var n = Libc.Write(_master.Fd, start, (nuint)data.Length);
            if (n != data.Length)
            {
                throw NativeError.Last("pty master write");
            }
        }
    }

    public void Dispose() => _master.Dispose();

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenpt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int Grantpt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int Unlockpt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsnameR(int fd, [Out] byte[] buffer, nuint length);
}
