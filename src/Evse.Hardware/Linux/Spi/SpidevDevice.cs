using Evse.Hardware.Linux.Interop;

namespace Evse.Hardware.Linux.Spi;

/// <summary>An SPI device through the kernel's spidev driver (/dev/spidevB.C).</summary>
public sealed class SpidevDevice : ISpiDevice
{
    private readonly FileDescriptorHandle _fd;
    private readonly object _gate = new();

    /// <param name="path">e.g. /dev/spidev0.0.</param>
    /// <param name="mode">SPI mode 0–3 (CPOL &lt;&lt; 1 | CPHA).</param>
    /// <param name="speedHz">Clock rate; the controller rounds down to what it can do.</param>
    /// <param name="bitsPerWord">Usually 8.</param>
    public unsafe SpidevDevice(string path, int mode, int speedHz, int bitsPerWord = 8)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mode, 3);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speedHz);
        Path = path;
        SpeedHz = speedHz;
        _fd = FileDescriptorHandle.Open(path, Libc.ORdWr);
        try
        {
            var modeByte = (byte)mode;
            var bits = (byte)bitsPerWord;
            var speed = (uint)speedHz;
            Check(Libc.Ioctl(_fd.Fd, SpiIocTransfer.WriteMode, &modeByte), "set the SPI mode");
            Check(Libc.Ioctl(_fd.Fd, SpiIocTransfer.WriteBitsPerWord, &bits), "set the SPI word size");
            Check(Libc.Ioctl(_fd.Fd, SpiIocTransfer.WriteMaxSpeedHz, &speed), "set the SPI clock");
        }
        catch
        {
            _fd.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public int SpeedHz { get; }

    public unsafe void TransferFullDuplex(ReadOnlySpan<byte> write, Span<byte> read)
    {
        if (write.Length != read.Length)
        {
            throw new ArgumentException("A full-duplex transfer reads as many bytes as it writes.", nameof(read));
        }

        lock (_gate)
        {
            fixed (byte* tx = write)
            fixed (byte* rx = read)
            {
                var transfer = new SpiIocTransfer
                {
                    TransmitBuffer = (ulong)tx,
                    ReceiveBuffer = (ulong)rx,
                    Length = (uint)write.Length,
                    SpeedHz = (uint)SpeedHz,
                    BitsPerWord = 8,
                };
                if (Libc.Ioctl(_fd.Fd, SpiIocTransfer.MessageIoctl(1), &transfer) < 0)
                {
                    throw NativeError.Last($"SPI transfer on {Path} failed");
                }
            }
        }
    }

    public void Dispose() => _fd.Dispose();

    private void Check(int result, string what)
    {
        if (result < 0)
        {
            throw NativeError.Last($"cannot {what} of {Path}");
        }
    }
}
