using Evse.Hardware.Linux.Spi;

namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// Microchip MCP3202: 2 channels, 12 bits, SPI mode 0 or 3, up to 0.9 MHz at 2.7 V (datasheet
/// DS21034 §1.0). A conversion is three bytes (§6.1, Figure 6-1): start bit; SGL/DIFF, ODD/SIGN and
/// MSBF in the top bits of byte 2; the result is the low nibble of byte 2 and all of byte 3.
/// </summary>
public sealed class Mcp3202(ISpiDevice spi, double referenceVolts) : IAdc
{
    public const int DefaultSpeedHz = 900_000;

    public int ChannelCount => 2;

    public int CodeCount => 4096;

    public double ReferenceVolts => referenceVolts;

    public int ReadCode(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);
        Span<byte> tx = [0x01, (byte)(0x80 | (channel << 6) | 0x20), 0x00];
        Span<byte> rx = stackalloc byte[3];
        spi.TransferFullDuplex(tx, rx);
        return ((rx[1] & 0x0F) << 8) | rx[2];
    }
}
