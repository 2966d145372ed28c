using Evse.Hardware.Linux.Interop;

namespace Evse.Hardware.Linux.I2c;

/// <summary>An I2C device through i2c-dev (/dev/i2c-N). Each read or write is one I2C_RDWR message with its own START/STOP.</summary>
public sealed class I2cDevDevice : II2cDevice
{
    private readonly FileDescriptorHandle _fd;
    private readonly object _gate = new();

    public unsafe I2cDevDevice(string path, int address)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(address, 0x03);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address, 0x77);
        Path = path;
        Address = address;
        _fd = FileDescriptorHandle.Open(path, Libc.ORdWr);

        // I2C_SLAVE also lets plain read/write work; I2C_RDWR below names the address per message anyway.
        if (Libc.Ioctl(_fd.Fd, I2cMessage.SlaveIoctl, (void*)(nint)address) < 0)
        {
            var error = NativeError.Last($"cannot address 0x{address:X2} on {path}");
            _fd.Dispose();
            throw error;
        }
    }

    public string Path { get; }

    public int Address { get; }

    public unsafe void Write(ReadOnlySpan<byte> data)
    {
        fixed (byte* buffer = data)
        {
            Transfer(buffer, data.Length, 0);
        }
    }

    public unsafe void Read(Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            Transfer(start, buffer.Length, I2cMessage.ReadFlag);
        }
    }

    public void Dispose() => _fd.Dispose();

    private unsafe void Transfer(byte* buffer, int length, ushort flags)
    {
        var message = new I2cMessage { Address = (ushort)Address, Flags = flags, Length = (ushort)length, Buffer = buffer };
        var data = new I2cReadWriteData { Messages = &message, MessageCount = 1 };
        lock (_gate)
        {
            if (Libc.Ioctl(_fd.Fd, I2cMessage.ReadWriteIoctl, &data) < 0)
            {
                throw NativeError.Last($"I2C transfer with 0x{Address:X2} on {Path} failed (device not answering?)");
            }
        }
    }
}
