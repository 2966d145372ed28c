using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

/// <summary>struct i2c_msg (linux/i2c.h): __u16 addr, flags, len; __u8 *buf; 16 bytes on 64-bit.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct I2cMessage
{
    // linux/i2c.h I2C_M_RD; linux/i2c-dev.h I2C_SLAVE 0x0703, I2C_RDWR 0x0707.
    internal const ushort ReadFlag = 0x0001;
    internal const uint SlaveIoctl = 0x0703;
    internal const uint ReadWriteIoctl = 0x0707;

    public ushort Address;
    public ushort Flags;
    public ushort Length;
    public byte* Buffer;
}
