namespace Evse.Hardware.Linux.Spi;

/// <summary>One SPI device (bus + chip select). Every transfer is full duplex with chip select held throughout.</summary>
public interface ISpiDevice : IDisposable
{
    /// <summary>Clocks out <paramref name="write"/> and fills <paramref name="read"/> (same length) with what came back.</summary>
    void TransferFullDuplex(ReadOnlySpan<byte> write, Span<byte> read);
}
