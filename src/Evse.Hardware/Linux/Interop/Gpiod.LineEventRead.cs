using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>int gpiod_line_event_read(struct gpiod_line *line, struct gpiod_line_event *event).</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_line_event_read", SetLastError = true)]
    internal static unsafe partial int LineEventRead(nint line, GpiodLineEvent* lineEvent);
}
