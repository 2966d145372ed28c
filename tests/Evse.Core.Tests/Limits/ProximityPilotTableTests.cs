using Evse.Core.Limits;

namespace Evse.Core.Tests.Limits;

public class ProximityPilotTableTests
{
    [Theory]
    [InlineData(1500.0, 13)]
    [InlineData(680.0, 20)]
    [InlineData(220.0, 32)]
    [InlineData(100.0, 63)]
    [InlineData(1600.0, 13)] // +7 % tolerance
    [InlineData(200.0, 32)]
    [InlineData(4500.0, 13)]
    [InlineData(60.0, 63)]
    public void TryGetCableAmps_CodedResistor_GivesCableCurrent(double ohms, double expected)
    {
        Assert.True(ProximityPilotTable.TryGetCableAmps(ohms, out var amps));
        Assert.Equal(expected, amps);
    }

    [Theory]
    [InlineData(59.0)]
    [InlineData(4501.0)]
    [InlineData(double.NaN)]
    public void TryGetCableAmps_OutOfRange_Fails(double ohms)
    {
        Assert.False(ProximityPilotTable.TryGetCableAmps(ohms, out _));
    }
}
