using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>const char *gpiod_version_string(void).</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_version_string")]
    internal static partial nint VersionString();
}
