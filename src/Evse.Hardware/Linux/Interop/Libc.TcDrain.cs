using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Libc
{
    /// <summary>tcdrain(3): waits until everything written has left the UART (needed before RS485 turn-around).</summary>
    [LibraryImport(Name, EntryPoint = "tcdrain", SetLastError = true)]
    internal static partial int TcDrain(int fd);
}
