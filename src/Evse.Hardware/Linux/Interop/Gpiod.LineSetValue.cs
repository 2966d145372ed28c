using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>int gpiod_line_set_value(struct gpiod_line *line, int value).</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_line_set_value", SetLastError = true)]
    internal static partial int LineSetValue(nint line, int value);
}
