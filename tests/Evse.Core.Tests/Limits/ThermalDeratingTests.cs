using Evse.Core.Limits;
using Evse.Core.Measurements;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Limits;

public class ThermalDeratingTests
{
    [Theory]
    [InlineData(100.0, 32.0)] // relay T − 25: full current
    [InlineData(110.0, 24.0)] // half-way down the ramp: 75 %
    [InlineData(120.0, 16.0)] // T − 5: 50 %
    [InlineData(122.0, 6.0)] // between T − 5 and T: minimum
    [InlineData(126.0, 0.0)] // past the trip
    public void AmpsFor_RelayCurve_FollowsTheDocumentedShape(double celsius, double expected)
    {
        Assert.Equal(expected, ThermalDerating.AmpsFor(celsius, 125, 32), 6);
    }

    [Fact]
    public void Limit_CoolSensors_DoesNotDerate()
    {
        Assert.Null(ThermalDerating.Limit(new TemperatureReadings(60, 60, 60), 32, ProtectionSettings.ForPhases(1)));
    }

    [Fact]
    public void Limit_WarmSocket_NamesTheSocket()
    {
        var limit = ThermalDerating.Limit(new TemperatureReadings(60, 60, 100), 32, ProtectionSettings.ForPhases(1));
        Assert.NotNull(limit);
        Assert.Equal(24, limit.Amps, 6);
        Assert.Contains("socket", limit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AmpsFor_AtProtectionRecoveryTemperature_IsReduced()
    {
        // The protection recovers at T − 20 °C: the derating must still hold the current down there.
        Assert.True(ThermalDerating.AmpsFor(105, 125, 32) < 32);
    }
}
