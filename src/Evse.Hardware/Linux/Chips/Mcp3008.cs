using Evse.Hardware.Linux.Spi;

namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// Microchip MCP3008: 8 channels, 10 bits, SPI mode 0 or 3, up to 1.35 MHz at 2.7 V (datasheet
/// DS21295 §1.0). A conversion is three bytes (§6.1, Figure 6-1): start bit, then SGL/DIFF and D2–D0 in
/// the top nibble of byte 2; the result is the low 2 bits of byte 2 and all of byte 3.
/// </summary>
public sealed class Mcp3008(ISpiDevice spi, double referenceVolts) : IAdc
{
    public const int DefaultSpeedHz = 1_000_000;

    public int ChannelCount => 8;

    public int CodeCount => 1024;

    public double ReferenceVolts => referenceVolts;

    public int ReadCode(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);
        Span<byte> tx = [0x01, (byte)(0x80 | (channel << 4)), 0x00];
        Span<byte> rx = stackalloc byte[3];
        spi.TransferFullDuplex(tx, rx);
        return ((rx[1] & 0x03) << 8) | rx[2];
    }
}
