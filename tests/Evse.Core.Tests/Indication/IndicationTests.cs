using Evse.Core.Charging;
using Evse.Core.Indication;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Indication;

public class IndicationTests
{
    [Theory]
    [InlineData(ChargePointStatus.Available, LedPattern.GreenSteady)]
    [InlineData(ChargePointStatus.Preparing, LedPattern.GreenSteady)]
    [InlineData(ChargePointStatus.Charging, LedPattern.BlueSlowFlash)]
    [InlineData(ChargePointStatus.SuspendedEV, LedPattern.GreenSlowFlash)]
    [InlineData(ChargePointStatus.SuspendedEVSE, LedPattern.GreenSlowFlash)]
    [InlineData(ChargePointStatus.Finishing, LedPattern.GreenSlowFlash)]
    [InlineData(ChargePointStatus.Reserved, LedPattern.PinkSteady)]
    [InlineData(ChargePointStatus.Unavailable, LedPattern.YellowSteady)]
    [InlineData(ChargePointStatus.Faulted, LedPattern.RedFlashing)]
    public void For_EachStatus_FollowsTable14(ChargePointStatus status, LedPattern expected)
    {
        Assert.Equal(expected, LedPolicy.For(IndicationInputs.ForStatus(status)));
    }

    [Fact]
    public void For_AuthorizedWaitingForVehicle_GreenFastFlash()
    {
        Assert.Equal(LedPattern.GreenFastFlash, LedPolicy.For(IndicationInputs.ForStatus(ChargePointStatus.Preparing) with { AuthorizedWaitingForVehicle = true }));
    }

    [Fact]
    public void For_HardFault_RedSteady()
    {
        var inputs = new IndicationInputs(ChargePointStatus.Faulted, [FaultCode.RelayWelded, FaultCode.OverVoltage], []);
        Assert.Equal(LedPattern.RedSteady, LedPolicy.For(inputs));
    }

    [Fact]
    public void For_RecoverableFault_RedFlashingAndLatchedTurnsSteady()
    {
        var recoverable = new IndicationInputs(ChargePointStatus.Faulted, [FaultCode.OverCurrent], []);
        Assert.Equal(LedPattern.RedFlashing, LedPolicy.For(recoverable));
        Assert.Equal(LedPattern.RedSteady, LedPolicy.For(recoverable with { LatchedFaults = [FaultCode.OverCurrent] }));
    }

    [Fact]
    public void For_DegradedModeFaultOnly_StaysGreen()
    {
        var inputs = new IndicationInputs(ChargePointStatus.Available, [FaultCode.CardReaderOffline], []);
        Assert.Equal(LedPattern.GreenSteady, LedPolicy.For(inputs));
    }

    [Theory]
    [InlineData(true, FirmwareActivity.None)]
    [InlineData(false, FirmwareActivity.Downloading)]
    [InlineData(false, FirmwareActivity.Installing)]
    public void For_BootingOrUpgrading_YellowFlashingAboveFaults(bool booting, FirmwareActivity firmware)
    {
        var inputs = new IndicationInputs(ChargePointStatus.Faulted, [FaultCode.RelayWelded], [], booting, firmware);
        Assert.Equal(LedPattern.YellowFlashing, LedPolicy.For(inputs));
    }

    [Fact]
    public void Combine_TwoConnectors_MostImportantWins()
    {
        Assert.Equal(LedPattern.RedFlashing, LedPolicy.Combine([LedPattern.BlueSlowFlash, LedPattern.RedFlashing]));
        Assert.Equal(LedPattern.BlueSlowFlash, LedPolicy.Combine([LedPattern.GreenSteady, LedPattern.BlueSlowFlash]));
        Assert.Equal(LedPattern.Off, LedPolicy.Combine([]));
    }

    [Fact]
    public void Timeline_Accepted_OneBeep()
    {
        Assert.Equal(BuzzerPattern.Accepted, BuzzerPolicy.ForAuthorization(true));
        Assert.Single(BuzzerPolicy.Timeline(BuzzerPattern.Accepted));
    }

    [Fact]
    public void Timeline_Rejected_TwoBeepsHalfASecondApart()
    {
        Assert.Equal(BuzzerPattern.Rejected, BuzzerPolicy.ForAuthorization(false));
        var beeps = BuzzerPolicy.Timeline(BuzzerPattern.Rejected);
        Assert.Equal(2, beeps.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(500), beeps[1].Start - beeps[0].Start);
        Assert.True(beeps[0].Start + beeps[0].Duration < beeps[1].Start);
    }

    [Theory]
    [InlineData(ChargePointStatus.Available, "AVAILABLE")]
    [InlineData(ChargePointStatus.Preparing, "PREPARING")]
    [InlineData(ChargePointStatus.Charging, "CHARGING")]
    [InlineData(ChargePointStatus.Finishing, "FINISHING")]
    [InlineData(ChargePointStatus.SuspendedEVSE, "SUSPENDEDEVSE")]
    [InlineData(ChargePointStatus.SuspendedEV, "SUSPENDEDEV")]
    [InlineData(ChargePointStatus.Reserved, "RESERVED")]
    [InlineData(ChargePointStatus.Unavailable, "UNAVAILABLE")]
    public void Compose_Status_InCapitalsAsTable19(ChargePointStatus status, string expected)
    {
        Assert.Equal(expected, DisplayComposer.Compose(IndicationInputs.ForStatus(status), NetworkKind.WiFi).StatusLine);
    }

    [Fact]
    public void Compose_Booting_Initializing()
    {
        var content = DisplayComposer.Compose(IndicationInputs.ForStatus(ChargePointStatus.Available) with { Booting = true }, NetworkKind.None);
        Assert.Equal(new DisplayContent("INITIALIZING...", null, ' '), content);
    }

    [Theory]
    [InlineData(NetworkKind.Ethernet, 'E')]
    [InlineData(NetworkKind.WiFi, 'W')]
    [InlineData(NetworkKind.Lte, 'L')]
    [InlineData(NetworkKind.AccessPoint, 'A')]
    public void Compose_Network_ShowsItsLetter(NetworkKind network, char letter)
    {
        Assert.Equal(letter, DisplayComposer.Compose(IndicationInputs.ForStatus(ChargePointStatus.Available), network).NetworkLetter);
    }

    [Fact]
    public void Compose_ChargingAndFaulted_SecondLine()
    {
        var charging = DisplayComposer.Compose(IndicationInputs.ForStatus(ChargePointStatus.Charging), NetworkKind.Lte, 7400, 12345);
        Assert.Equal("7.4 kW  12.35 kWh", charging.Detail);
        var faulted = DisplayComposer.Compose(new IndicationInputs(ChargePointStatus.Faulted, [FaultCode.OverCurrent], []), NetworkKind.Lte);
        Assert.Equal("Overcurrent Protection Fault", faulted.Detail);
        var paused = DisplayComposer.Compose(IndicationInputs.ForStatus(ChargePointStatus.SuspendedEVSE), NetworkKind.Lte, pauseReason: "OUTSIDE HOURS");
        Assert.Equal("OUTSIDE HOURS", paused.Detail);
    }
}
