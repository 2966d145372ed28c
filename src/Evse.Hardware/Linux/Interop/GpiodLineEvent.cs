using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

/// <summary>struct gpiod_line_event (gpiod.h v1): struct timespec ts; int event_type. 24 bytes on 64-bit.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpiodLineEvent
{
    public long Seconds;
    public long Nanoseconds;
    public int EventType;
}
