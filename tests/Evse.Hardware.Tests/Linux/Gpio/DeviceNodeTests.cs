using Evse.Hardware.Linux.I2c;
using Evse.Hardware.Linux.Spi;

namespace Evse.Hardware.Tests.Linux.Gpio;

public class DeviceNodeTests
{
    [Fact]
    public void SpidevDevice_MissingNode_ThrowsNamingIt()
    {
        var ex = Assert.Throws<IOException>(() => new SpidevDevice("/dev/spidev9.9", 0, 1_000_000));

        Assert.Contains("/dev/spidev9.9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpidevDevice_NotAnSpiNode_ThrowsNamingIt()
    {
        var ex = Assert.Throws<IOException>(() => new SpidevDevice("/dev/null", 0, 1_000_000));

        Assert.Contains("/dev/null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void I2cDevDevice_MissingNode_ThrowsNamingIt()
    {
        var ex = Assert.Throws<IOException>(() => new I2cDevDevice("/dev/i2c-99", 0x3C));

        Assert.Contains("/dev/i2c-99", ex.Message, StringComparison.Ordinal);
    }
}
