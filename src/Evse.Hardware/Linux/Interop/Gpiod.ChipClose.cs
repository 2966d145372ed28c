using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>void gpiod_chip_close(struct gpiod_chip *chip); also releases its requested lines.</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_chip_close")]
    internal static partial void ChipClose(nint chip);
}
