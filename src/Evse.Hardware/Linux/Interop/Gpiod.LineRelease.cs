using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>void gpiod_line_release(struct gpiod_line *line).</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_line_release")]
    internal static partial void LineRelease(nint line);
}
