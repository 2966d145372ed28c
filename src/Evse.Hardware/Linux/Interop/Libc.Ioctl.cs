using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Libc
{
    /// <summary>
    /// ioctl(2) with a pointer argument. ioctl is variadic in C; on x64 and arm64 Linux a variadic
    /// pointer travels in the same register as a fixed one, so a fixed three-argument import is safe there.
    /// </summary>
    [LibraryImport(Name, EntryPoint = "ioctl", SetLastError = true)]
    internal static unsafe partial int Ioctl(int fd, nuint request, void* argument);
}
