using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>int gpiod_line_event_get_fd(struct gpiod_line *line): the fd to poll for edge events.</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_line_event_get_fd", SetLastError = true)]
    internal static partial int LineEventGetFd(nint line);
}
