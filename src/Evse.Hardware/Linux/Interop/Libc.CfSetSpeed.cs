using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Libc
{
    /// <summary>cfsetspeed(3): sets input and output speed to a Bxxxx constant.</summary>
    [LibraryImport(Name, EntryPoint = "cfsetspeed", SetLastError = true)]
    internal static unsafe partial int CfSetSpeed(Termios* termios, uint speed);
}
