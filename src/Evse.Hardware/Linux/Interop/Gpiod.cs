namespace Evse.Hardware.Linux.Interop;

/// <summary>
/// libgpiod v1 (libgpiod.so.2, Debian 12 / Raspberry Pi OS 12 package libgpiod2, gpiod.h of 1.6).
/// Each native call lives in its own Gpiod.*.cs file.
/// </summary>
internal static partial class Gpiod
{
    internal const string Name = "libgpiod.so.2";

    // gpiod.h: GPIOD_LINE_EVENT_RISING_EDGE = 1, GPIOD_LINE_EVENT_FALLING_EDGE = 2.
    internal const int RisingEdge = 1;
    internal const int FallingEdge = 2;
}
