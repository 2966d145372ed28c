using Evse.Core.Limits;
using Evse.Core.Ports.Hardware;

namespace Evse.Core.Tests.Limits;

public class DipSwitchTableTests
{
    [Theory]
    [InlineData(false, false, true, 12)]
    [InlineData(false, true, false, 16)]
    [InlineData(false, true, true, 24)]
    [InlineData(true, false, false, 32)]
    [InlineData(true, false, true, 40)]
    [InlineData(true, true, false, 50)]
    [InlineData(true, true, true, 48)]
    public void TryGetAmps_EachTable7Row_GivesItsCurrent(bool sw1, bool sw2, bool sw3, double expected)
    {
        var positions = new DipSwitchPositions(sw1, sw2, sw3);
        Assert.True(DipSwitchTable.TryGetAmps(positions, out var amps));
        Assert.Equal(expected, amps);
        Assert.False(DipSwitchTable.IsFactoryResetRequest(positions));
    }

    [Fact]
    public void TryGetAmps_AllOff_IsTheFactoryResetPositionWithNoRating()
    {
        var allOff = new DipSwitchPositions(false, false, false);
        Assert.False(DipSwitchTable.TryGetAmps(allOff, out var amps));
        Assert.Equal(0, amps);
        Assert.True(DipSwitchTable.IsFactoryResetRequest(allOff));
    }
}
