using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>struct gpiod_chip *gpiod_chip_iter_next_noclose(struct gpiod_chip_iter *iter): the caller closes each chip.</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_chip_iter_next_noclose")]
    internal static partial nint ChipIterNextNoclose(nint iterator);
}
