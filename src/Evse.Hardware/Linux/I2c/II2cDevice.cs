namespace Evse.Hardware.Linux.I2c;

/// <summary>One device on an I2C bus, at a fixed 7-bit address.</summary>
public interface II2cDevice : IDisposable
{
    int Address { get; }

    void Write(ReadOnlySpan<byte> data);

    void Read(Span<byte> buffer);
}
