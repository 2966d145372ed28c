using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

internal static partial class Gpiod
{
    /// <summary>
    /// struct gpiod_chip *gpiod_chip_open_lookup(const char *descr): by path, name ("gpiochip0"),
    /// label ("pinctrl-bcm2711") or number ("0"). Null with errno on failure.
    /// </summary>
    [LibraryImport(Name, EntryPoint = "gpiod_chip_open_lookup", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint ChipOpenLookup(string description);
}
