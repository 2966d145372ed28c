using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

/// <summary>struct serial_rs485 (linux/serial.h): flags, delay_rts_before_send, delay_rts_after_send, padding[5]; 32 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SerialRs485
{
    // linux/serial.h
    internal const uint Enabled = 1 << 0;
    internal const uint RtsOnSend = 1 << 1;
    internal const uint RtsAfterSend = 1 << 2;

    // asm-generic/ioctls.h: TIOCGRS485 0x542E, TIOCSRS485 0x542F.
    internal const uint GetIoctl = 0x542E;
    internal const uint SetIoctl = 0x542F;

    public uint Flags;
    public uint DelayRtsBeforeSendMilliseconds;
    public uint DelayRtsAfterSendMilliseconds;
    public fixed uint Padding[5];
}
