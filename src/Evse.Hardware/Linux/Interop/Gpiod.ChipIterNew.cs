using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>struct gpiod_chip_iter *gpiod_chip_iter_new(void): opens every /dev/gpiochip*. Null with errno.</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_chip_iter_new", SetLastError = true)]
    internal static partial nint ChipIterNew();
}
