using Evse.Core.Charging;
using Evse.Core.Indication;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Indication;

/// <summary>Seed 000 Table 14 / seed 001 Table 20 "Yellow Flashing = Out of Service" and the display's wording for it.</summary>
public class OutOfServiceIndicationTests
{
    [Fact]
    public void ForStation_EveryConnectorUnavailable_YellowFlashing()
    {
        IndicationInputs[] station = [IndicationInputs.ForStatus(ChargePointStatus.Unavailable), IndicationInputs.ForStatus(ChargePointStatus.Unavailable)];

        Assert.Equal(LedPattern.YellowFlashing, LedPolicy.ForStation(station));
        Assert.True(LedPolicy.IsOutOfService(station));
    }

    [Fact]
    public void ForStation_SingleConnectorUnavailable_YellowFlashing()
    {
        Assert.Equal(LedPattern.YellowFlashing, LedPolicy.ForStation([IndicationInputs.ForStatus(ChargePointStatus.Unavailable)]));
    }

    [Theory]
    [InlineData(ChargePointStatus.Available, LedPattern.YellowSteady)]
    [InlineData(ChargePointStatus.Charging, LedPattern.BlueSlowFlash)]
    public void ForStation_OneConnectorUnavailableOtherInService_NotOutOfService(ChargePointStatus other, LedPattern expected)
    {
        IndicationInputs[] station = [IndicationInputs.ForStatus(ChargePointStatus.Unavailable), IndicationInputs.ForStatus(other)];

        Assert.Equal(expected, LedPolicy.ForStation(station));
        Assert.False(LedPolicy.IsOutOfService(station));
    }

    [Fact]
    public void ForStation_OneUnavailableOneReserved_StaysWithTheMoreImportantPatternNotFlashing()
    {
        IndicationInputs[] station = [IndicationInputs.ForStatus(ChargePointStatus.Unavailable), IndicationInputs.ForStatus(ChargePointStatus.Reserved)];

        Assert.Equal(LedPattern.PinkSteady, LedPolicy.ForStation(station));
    }

    [Fact]
    public void ForStation_OutOfServiceWithHardFault_RedSteadyWins()
    {
        IndicationInputs[] station = [new IndicationInputs(ChargePointStatus.Unavailable, [FaultCode.RelayWelded], [])];

        Assert.Equal(LedPattern.RedSteady, LedPolicy.ForStation(station));
    }

    [Fact]
    public void ForStation_NoConnectors_OffAndNotOutOfService()
    {
        Assert.Equal(LedPattern.Off, LedPolicy.ForStation([]));
        Assert.False(LedPolicy.IsOutOfService([]));
    }

    [Fact]
    public void Compose_OutOfService_UnavailableOverOutOfServiceBeforeOffline()
    {
        var inputs = IndicationInputs.ForStatus(ChargePointStatus.Unavailable) with { OutOfService = true, CentralSystemOffline = true };

        var content = DisplayComposer.Compose(inputs, NetworkKind.Ethernet);

        Assert.Equal("UNAVAILABLE", content.StatusLine);
        Assert.Equal("OUT OF SERVICE", content.Detail);
    }

    [Fact]
    public void Compose_UnavailableButStationInService_NoOutOfServiceLine()
    {
        var content = DisplayComposer.Compose(IndicationInputs.ForStatus(ChargePointStatus.Unavailable), NetworkKind.Ethernet);

        Assert.Equal("UNAVAILABLE", content.StatusLine);
        Assert.Null(content.Detail);
    }

    [Fact]
    public void Compose_OutOfServiceWhileBooting_BootScreenFirst()
    {
        var inputs = IndicationInputs.ForStatus(ChargePointStatus.Unavailable) with { OutOfService = true, Booting = true };

        Assert.Equal("INITIALIZING...", DisplayComposer.Compose(inputs, NetworkKind.None).StatusLine);
    }
}
