using Evse.Core.Measurements;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Protection;

public class TemperatureProtectionTests
{
    private static ProtectionSnapshot With(double relay = 40, double input = 40, double socket = 40) =>
        ProtectionHarness.Charging() with { Temperatures = new TemperatureReadings(relay, input, socket) };

    [Theory]
    [InlineData(126.0, true)]
    [InlineData(125.0, false)]
    public void Evaluate_RelayTemperature_TripsAbove125C(double celsius, bool trips)
    {
        var h = new ProtectionHarness();
        h.Feed(With(relay: celsius));
        Assert.Equal(trips, h.Active(FaultCode.RelayOverTemperature));
    }

    [Theory]
    [InlineData(116.0, true)]
    [InlineData(115.0, false)]
    public void Evaluate_InputTerminalTemperature_TripsAbove115C(double celsius, bool trips)
    {
        var h = new ProtectionHarness();
        h.Feed(With(input: celsius));
        Assert.Equal(trips, h.Active(FaultCode.InputOverTemperature));
    }

    [Theory]
    [InlineData(116.0, true)]
    [InlineData(115.0, false)]
    public void Evaluate_SocketTemperature_TripsAbove115C(double celsius, bool trips)
    {
        var h = new ProtectionHarness();
        h.Feed(With(socket: celsius));
        Assert.Equal(trips, h.Active(FaultCode.SocketOverTemperature));
    }

    [Fact]
    public void Evaluate_RelayCoolsDown_ResumesOnlyAt105C()
    {
        var h = new ProtectionHarness();
        h.Feed(With(relay: 130));
        h.Hold(With(relay: 106), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(10));
        Assert.True(h.Active(FaultCode.RelayOverTemperature));
        h.Feed(With(relay: 105));
        Assert.False(h.Active(FaultCode.RelayOverTemperature));
    }

    [Fact]
    public void Evaluate_InputTerminalCoolsDown_ResumesOnlyAt95C()
    {
        var h = new ProtectionHarness();
        h.Feed(With(input: 120));
        h.Hold(With(input: 96), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(10));
        Assert.True(h.Active(FaultCode.InputOverTemperature));
        h.Feed(With(input: 95));
        Assert.False(h.Active(FaultCode.InputOverTemperature));
    }

    [Fact]
    public void Evaluate_SocketCoolsDown_ResumesOnlyAt95C()
    {
        var h = new ProtectionHarness();
        h.Feed(With(socket: 120));
        h.Feed(With(socket: 96));
        Assert.True(h.Active(FaultCode.SocketOverTemperature));
        h.Feed(With(socket: 95));
        Assert.False(h.Active(FaultCode.SocketOverTemperature));
    }

    [Fact]
    public void Evaluate_SensorNotFitted_NeverTrips()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging() with { Temperatures = TemperatureReadings.NotFitted }, TimeSpan.FromSeconds(10));
        Assert.Empty(h.Raised);
    }
}
