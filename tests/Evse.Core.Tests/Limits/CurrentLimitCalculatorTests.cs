using Evse.Core.Limits;
using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Limits;

public class CurrentLimitCalculatorTests
{
    private static readonly ProtectionSettings Protection = ProtectionSettings.ForPhases(1);

    private static readonly CurrentLimitInputs Installed = new()
    {
        DipSwitch = new DipSwitchPositions(true, false, false), // 32 A
        FirmwareSettingAmps = 40,
        ProximityOhms = 680, // 20 A cable
        ConnectorRatingAmps = 32,
        Temperatures = new TemperatureReadings(40, 40, 40),
    };

    [Fact]
    public void Calculate_CableIsLowest_CableBindsAndTraceNamesAll()
    {
        var result = CurrentLimitCalculator.Calculate(Installed, Protection);
        Assert.Equal(20, result.LimitAmps);
        Assert.False(result.Paused);
        Assert.Equal(LimitSource.Cable, result.Binding.Source);
        Assert.Equal(
            [LimitSource.PilotMaximum, LimitSource.DipSwitch, LimitSource.FirmwareSetting, LimitSource.Cable, LimitSource.ConnectorRating],
            result.Trace.Select(c => c.Source));
        Assert.Contains("DIP ON OFF OFF", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_ExternalContributors_TheLowestBinds()
    {
        var inputs = Installed with
        {
            ProximityOhms = null,
            LoadManagement = new LimitContributor(LimitSource.LoadManagement, 18, "gateway grant"),
            PowerManagement = new LimitContributor(LimitSource.PowerManagement, 14.5, "household 9.5 A of 24 A"),
            SmartCharging = new LimitContributor(LimitSource.SmartCharging, 16, "TxDefaultProfile"),
            ChargeMode = new LimitContributor(LimitSource.ChargeMode, 25, "FAST"),
        };
        var result = CurrentLimitCalculator.Calculate(inputs, Protection);
        Assert.Equal(14.5, result.LimitAmps);
        Assert.Equal(LimitSource.PowerManagement, result.Binding.Source);
        Assert.Equal(8, result.Trace.Count);
    }

    [Fact]
    public void Calculate_AuthorizationZeroAmps_PausesAndBinds()
    {
        var inputs = Installed with { Authorization = new LimitContributor(LimitSource.Authorization, 0, "idTag Invalid by the Central System") };
        var result = CurrentLimitCalculator.Calculate(inputs, Protection);
        Assert.True(result.Paused);
        Assert.Equal(0, result.LimitAmps);
        Assert.Equal(LimitSource.Authorization, result.Binding.Source);
    }

    [Theory]
    [InlineData(5.9, true)]
    [InlineData(6.0, false)]
    public void Calculate_BelowSixAmps_PausesInsteadOfOffering(double grant, bool paused)
    {
        var inputs = Installed with { LoadManagement = new LimitContributor(LimitSource.LoadManagement, grant, "grant") };
        var result = CurrentLimitCalculator.Calculate(inputs, Protection);
        Assert.Equal(paused, result.Paused);
        Assert.Equal(paused ? 0 : 6, result.LimitAmps);
        Assert.Equal(LimitSource.LoadManagement, result.Binding.Source);
    }

    [Fact]
    public void Calculate_DipAllOff_PausesAndSaysWhy()
    {
        var result = CurrentLimitCalculator.Calculate(Installed with { DipSwitch = new DipSwitchPositions(false, false, false) }, Protection);
        Assert.True(result.Paused);
        Assert.Equal(LimitSource.DipSwitch, result.Binding.Source);
        Assert.Contains("factory reset", result.Binding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_PpOutOfRange_Pauses()
    {
        var result = CurrentLimitCalculator.Calculate(Installed with { ProximityOhms = 20 }, Protection);
        Assert.True(result.Paused);
        Assert.Equal(LimitSource.Cable, result.Binding.Source);
    }

    [Fact]
    public void Calculate_HotRelay_DeratesTheInstalledRating()
    {
        var inputs = Installed with { ProximityOhms = null, Temperatures = new TemperatureReadings(110, 40, 40) };
        var result = CurrentLimitCalculator.Calculate(inputs, Protection);
        Assert.Equal(LimitSource.ThermalDerating, result.Binding.Source);
        Assert.Equal(24, result.LimitAmps, 6);
    }

    [Fact]
    public void Calculate_NothingPresent_OffersThePilotMaximum()
    {
        var result = CurrentLimitCalculator.Calculate(new CurrentLimitInputs(), Protection);
        Assert.Equal(80, result.LimitAmps);
        Assert.Equal(LimitSource.PilotMaximum, result.Binding.Source);
    }

    [Fact]
    public void Calculate_ScheduleClosed_PausesWithScheduleAsReason()
    {
        var inputs = Installed with { Schedule = new LimitContributor(LimitSource.Schedule, 0, "outside hours of operation") };
        var result = CurrentLimitCalculator.Calculate(inputs, Protection);
        Assert.True(result.Paused);
        Assert.StartsWith("paused: Schedule", result.ToString(), StringComparison.Ordinal);
    }
}
