using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>int gpiod_line_get_value(struct gpiod_line *line): 0, 1, or -1 with errno.</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_line_get_value", SetLastError = true)]
    internal static partial int LineGetValue(nint line);
}
