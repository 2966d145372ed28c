using Evse.Core.Scheduling;

namespace Evse.Core.Tests.Scheduling;

public class ChargeModePolicyTests
{
    private static ChargeModeInputs Inputs(ChargeMode mode, double? import, double own = 10, double ecoPlus = 3, bool boost = false, bool timer = false) =>
        new(mode, boost, timer, import, own, ecoPlus);

    [Fact]
    public void Limit_Fast_ContributesNothing()
    {
        Assert.Null(ChargeModePolicy.Limit(Inputs(ChargeMode.Fast, 20)));
    }

    [Fact]
    public void Limit_EcoWithSurplus_FollowsTheSurplus()
    {
        // Charging 10 A while exporting 4 A: 14 A of sun.
        Assert.Equal(14, ChargeModePolicy.Limit(Inputs(ChargeMode.Eco, -4))!.Amps);
    }

    [Fact]
    public void Limit_EcoWithoutSun_KeepsTheMinimum6A()
    {
        Assert.Equal(6, ChargeModePolicy.Limit(Inputs(ChargeMode.Eco, 12))!.Amps);
    }

    [Fact]
    public void Limit_EcoPlus_AddsTheGridAllowanceAndPausesBelow6()
    {
        Assert.Equal(9, ChargeModePolicy.Limit(Inputs(ChargeMode.EcoPlus, 4, own: 10, ecoPlus: 3))!.Amps); // 6 A sun + 3 A
        Assert.Equal(4, ChargeModePolicy.Limit(Inputs(ChargeMode.EcoPlus, 9, own: 10, ecoPlus: 3))!.Amps); // 1 A sun + 3 A: pause
    }

    [Fact]
    public void Limit_EcoPlusAllowanceAbove5A_IsClampedTo5()
    {
        Assert.Equal(5, ChargeModePolicy.Limit(Inputs(ChargeMode.EcoPlus, 10, own: 10, ecoPlus: 9))!.Amps);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Limit_BoostButtonOrTimer_ChargesAsFast(bool boost, bool timer)
    {
        Assert.Null(ChargeModePolicy.Limit(Inputs(ChargeMode.EcoPlus, 20, boost: boost, timer: timer)));
    }

    [Fact]
    public void Limit_NoGridReading_FallsBackToMinimum()
    {
        Assert.Equal(6, ChargeModePolicy.Limit(Inputs(ChargeMode.Eco, null))!.Amps);
    }
}
