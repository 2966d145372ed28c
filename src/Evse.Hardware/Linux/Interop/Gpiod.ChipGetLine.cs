using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>struct gpiod_line *gpiod_chip_get_line(struct gpiod_chip *chip, unsigned int offset). Null with errno.</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_chip_get_line", SetLastError = true)]
    internal static partial nint ChipGetLine(nint chip, uint offset);
}
