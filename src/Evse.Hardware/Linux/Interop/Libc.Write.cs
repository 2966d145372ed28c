using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Libc
{
    /// <summary>write(2).</summary>
    [LibraryImport(Name, EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint Write(int fd, byte* buffer, nuint count);
}
