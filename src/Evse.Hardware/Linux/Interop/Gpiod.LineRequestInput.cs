using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>int gpiod_line_request_input(struct gpiod_line *line, const char *consumer).</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_line_request_input", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LineRequestInput(nint line, string consumer);
}
