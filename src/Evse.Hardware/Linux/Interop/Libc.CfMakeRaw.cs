using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Libc
{
    /// <summary>cfmakeraw(3): no echo, no line editing, no character translation, 8 data bits.</summary>
    [LibraryImport(Name, EntryPoint = "cfmakeraw")]
    internal static unsafe partial void CfMakeRaw(Termios* termios);
}
