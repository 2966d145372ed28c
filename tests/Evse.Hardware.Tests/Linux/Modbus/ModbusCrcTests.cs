using Evse.Hardware.Linux.Modbus;

namespace Evse.Hardware.Tests.Linux.Modbus;

public class ModbusCrcTests
{
    [Fact]
    public void Compute_ReadInputRegistersRequest_MatchesPublishedFrame()
    {
        // Eastron's own example: read voltage from slave 1, "01 04 00 00 00 02 71 CB".
        var crc = ModbusCrc.Compute([0x01, 0x04, 0x00, 0x00, 0x00, 0x02]);

        Assert.Equal(0xCB71, crc);
    }

    [Fact]
    public void Compute_StandardCheckString_Is4B37()
    {
        // CRC-16/MODBUS catalogue check value for ASCII "123456789".
        Assert.Equal(0x4B37, ModbusCrc.Compute("123456789"u8));
    }

    [Fact]
    public void IsValid_FlippedBit_IsFalse()
    {
        byte[] frame = [0x01, 0x04, 0x00, 0x00, 0x00, 0x02, 0x71, 0xCB];
        Assert.True(ModbusCrc.IsValid(frame));

        frame[3] ^= 0x10;

        Assert.False(ModbusCrc.IsValid(frame));
    }
}
