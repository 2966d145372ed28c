using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

/// <summary>struct i2c_rdwr_ioctl_data (linux/i2c-dev.h): struct i2c_msg *msgs; __u32 nmsgs.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct I2cReadWriteData
{
    public I2cMessage* Messages;
    public uint MessageCount;
}
