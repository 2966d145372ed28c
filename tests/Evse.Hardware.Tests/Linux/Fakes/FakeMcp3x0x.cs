using Evse.Hardware.Linux.Spi;

namespace Evse.Hardware.Tests.Linux.Fakes;

/// <summary>
/// A register-level MCP3008 (10 bit) or MCP3202 (12 bit): decodes the command bits the way the chip
/// does and clocks the code back in the datasheet's bit positions. Channel values come from a function
/// so a test can make them move between conversions.
/// </summary>
internal sealed class FakeMcp3x0x(bool twelveBit) : ISpiDevice
{
    public Func<int, int, int> CodeFor { get; set; } = (_, _) => 0;

    public int Conversions { get; private set; }

    public List<int> ChannelsRead { get; } = [];

    public void TransferFullDuplex(ReadOnlySpan<byte> write, Span<byte> read)
    {
        Assert.Equal(3, write.Length);
        Assert.Equal(0x01, write[0]); // start bit
        read.Clear();
        int channel;
        if (twelveBit)
        {
            Assert.True((write[1] & 0x80) != 0, "SGL/DIFF must select single-ended");
            Assert.True((write[1] & 0x20) != 0, "MSBF must be set");
            channel = (write[1] >> 6) & 0x01;
        }
        else
        {
            Assert.True((write[1] & 0x80) != 0, "SGL/DIFF must select single-ended");
            channel = (write[1] >> 4) & 0x07;
        }

        var code = CodeFor(channel, Conversions++);
        ChannelsRead.Add(channel);
        if (twelveBit)
        {
            // Byte 2: null bit then B11..B8 in the low nibble; high bits are don't-care (set to prove masking).
            read[1] = (byte)(0xE0 | ((code >> 8) & 0x0F));
        }
        else
        {
            read[1] = (byte)(0xF8 | ((code >> 8) & 0x03));
        }

        read[0] = 0xFF;
        read[2] = (byte)code;
    }

    public void Dispose()
    {
    }
}
