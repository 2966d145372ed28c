using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Libc
{
    /// <summary>tcsetattr(3).</summary>
    [LibraryImport(Name, EntryPoint = "tcsetattr", SetLastError = true)]
    internal static unsafe partial int TcSetAttr(int fd, int optionalActions, Termios* termios);
}
