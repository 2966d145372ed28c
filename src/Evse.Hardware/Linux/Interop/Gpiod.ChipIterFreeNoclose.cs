using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>void gpiod_chip_iter_free_noclose(struct gpiod_chip_iter *iter).</summary>
    [LibraryImport(Name, EntryPoint = "gpiod_chip_iter_free_noclose")]
    internal static partial void ChipIterFreeNoclose(nint iterator);
}
