using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>unsigned int gpiod_chip_num_lines(struct gpiod_chip *chip).</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_chip_num_lines")]
    internal static partial uint ChipNumLines(nint chip);
}
