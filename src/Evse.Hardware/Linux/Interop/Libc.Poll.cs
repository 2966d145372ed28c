using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Libc
{
    /// <summary>poll(2). Returns the number of ready fds, 0 on timeout, -1 with errno.</summary>
    [LibraryImport(Name, EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);
}
