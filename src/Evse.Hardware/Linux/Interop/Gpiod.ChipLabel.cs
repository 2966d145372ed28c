using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>const char *gpiod_chip_label(struct gpiod_chip *chip).</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_chip_label")]
    internal static partial nint ChipLabel(nint chip);
}
