using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>int gpiod_line_request_output(struct gpiod_line *line, const char *consumer, int default_val).</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_line_request_output", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LineRequestOutput(nint line, string consumer, int defaultValue);
}
