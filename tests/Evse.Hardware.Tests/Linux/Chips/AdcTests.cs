using Evse.Hardware.Linux.Chips;
using Evse.Hardware.Tests.Linux.Fakes;

namespace Evse.Hardware.Tests.Linux.Chips;

public class AdcTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(7)]
    public void Mcp3008ReadCode_Channel_SendsChannelBitsAndMasksResult(int channel)
    {
        var spi = new FakeMcp3x0x(twelveBit: false) { CodeFor = (ch, _) => 100 + (ch * 100) };
        var adc = new Mcp3008(spi, 3.3);

        var code = adc.ReadCode(channel);

        Assert.Equal(100 + (channel * 100), code);
        Assert.Equal([channel], spi.ChannelsRead);
    }

    [Fact]
    public void Mcp3008ReadVolts_FullScaleCode_IsJustBelowReference()
    {
        var adc = new Mcp3008(new FakeMcp3x0x(false) { CodeFor = (_, _) => 1023 }, 3.3);

        Assert.Equal(3.3 * 1023 / 1024, adc.ReadVolts(0), 6);
    }

    [Fact]
    public void Mcp3202ReadCode_Channel1_Reads12Bits()
    {
        var spi = new FakeMcp3x0x(twelveBit: true) { CodeFor = (ch, _) => ch == 1 ? 0xABC : 0x123 };
        var adc = new Mcp3202(spi, 5.0);

        Assert.Equal(0xABC, adc.ReadCode(1));
        Assert.Equal(0x123, adc.ReadCode(0));
        Assert.Equal(2.5, new Mcp3202(new FakeMcp3x0x(true) { CodeFor = (_, _) => 2048 }, 5.0).ReadVolts(0), 6);
    }

    [Fact]
    public void Mcp3202ReadCode_ChannelOutOfRange_Throws()
    {
        var adc = new Mcp3202(new FakeMcp3x0x(true), 3.3);

        Assert.Throws<ArgumentOutOfRangeException>(() => adc.ReadCode(2));
    }
}
