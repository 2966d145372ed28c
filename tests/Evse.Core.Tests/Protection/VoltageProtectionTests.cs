using Evse.Core.Measurements;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Protection;

public class VoltageProtectionTests
{
    private static readonly TimeSpan Almost5 = TimeSpan.FromSeconds(4.9);
    private static readonly TimeSpan Five = TimeSpan.FromSeconds(5);

    [Fact]
    public void Evaluate_OnePhaseAbove276VShorterThanHold_DoesNotTrip()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging(volts: 280), Almost5);
        Assert.False(h.Active(FaultCode.OverVoltage));
    }

    [Fact]
    public void Evaluate_OnePhaseAbove276VFor5s_TripsOnceWithDetail()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging(volts: 280), Five);
        var notice = Assert.Single(h.Raised);
        Assert.Equal(FaultCode.OverVoltage, notice.Code);
        Assert.False(notice.Latched);
        Assert.Contains("280.0 V > 276 V", notice.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OnePhaseAt276V_DoesNotTrip()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging(volts: 276), TimeSpan.FromSeconds(20));
        Assert.Empty(h.Raised);
    }

    [Fact]
    public void Evaluate_OverVoltageInterruptedByNormalSample_RestartsHold()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging(volts: 280), TimeSpan.FromSeconds(3));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(ProtectionHarness.Charging(volts: 270));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Hold(ProtectionHarness.Charging(volts: 280), TimeSpan.FromSeconds(3));
        Assert.False(h.Active(FaultCode.OverVoltage));
    }

    [Fact]
    public void Evaluate_OnePhaseOverVoltageInHysteresisBand_StaysUntilBelow254V()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging(volts: 280), Five);
        h.Hold(ProtectionHarness.Charging(volts: 255), TimeSpan.FromMinutes(5));
        Assert.True(h.Active(FaultCode.OverVoltage));

        h.Feed(ProtectionHarness.Charging(volts: 253));
        Assert.False(h.Active(FaultCode.OverVoltage));
        Assert.Equal([FaultCode.OverVoltage], h.Cleared);
    }

    [Fact]
    public void Evaluate_OnePhaseBelow154VFor5s_TripsAndRecoversAbove164V()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging(volts: 150), Almost5);
        Assert.False(h.Active(FaultCode.UnderVoltage));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(ProtectionHarness.Charging(volts: 150));
        Assert.True(h.Active(FaultCode.UnderVoltage));

        h.Hold(ProtectionHarness.Charging(volts: 163), TimeSpan.FromMinutes(1));
        Assert.True(h.Active(FaultCode.UnderVoltage));
        h.Feed(ProtectionHarness.Charging(volts: 165));
        Assert.False(h.Active(FaultCode.UnderVoltage));
    }

    [Theory]
    [InlineData(266.0, true)] // √3 × 266 = 460.7 V line-to-line
    [InlineData(265.0, false)] // 459.0 V
    public void Evaluate_ThreePhaseLineToLineAgainst460V_TripsOnlyAbove(double phaseVolts, bool trips)
    {
        var h = new ProtectionHarness(ProtectionSettings.ForPhases(3));
        h.Hold(ProtectionHarness.ThreePhase(phaseVolts), Five);
        Assert.Equal(trips, h.Active(FaultCode.OverVoltage));
    }

    [Theory]
    [InlineData(259.0, true)] // 448.6 V < 450 V
    [InlineData(260.0, false)] // 450.3 V
    public void Evaluate_ThreePhaseOverVoltage_RecoversBelow450VLineToLine(double phaseVolts, bool recovers)
    {
        var h = new ProtectionHarness(ProtectionSettings.ForPhases(3));
        h.Hold(ProtectionHarness.ThreePhase(270), Five);
        h.Feed(ProtectionHarness.ThreePhase(phaseVolts));
        Assert.Equal(recovers, !h.Active(FaultCode.OverVoltage));
    }

    [Theory]
    [InlineData(270.0, FaultCode.OverVoltage)] // 467.7 V line-to-line, above 460 V
    [InlineData(190.0, FaultCode.UnderVoltage)] // 329.1 V, below 340 V
    public void Evaluate_ThreePhaseOutOfRangeShorterThanHold_DoesNotTripThenTripsAtFiveSeconds(double phaseVolts, FaultCode code)
    {
        var h = new ProtectionHarness(ProtectionSettings.ForPhases(3));
        h.Hold(ProtectionHarness.ThreePhase(phaseVolts), Almost5);
        Assert.False(h.Active(code));

        h.Hold(ProtectionHarness.ThreePhase(phaseVolts), TimeSpan.FromSeconds(0.2));
        Assert.True(h.Active(code));
    }

    [Fact]
    public void Evaluate_ThreePhaseOneHighPhase_Trips()
    {
        var h = new ProtectionHarness(ProtectionSettings.ForPhases(3));
        var s = ProtectionHarness.ThreePhase(230) with { Meter = ProtectionHarness.Sample(new PhaseValues(230, 270, 230), PhaseValues.All(10)) };
        h.Hold(s, Five);
        Assert.Contains("L2 line-to-line", Assert.Single(h.Raised).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(195.0, true)] // 337.7 V < 340 V
    [InlineData(197.0, false)] // 341.2 V
    public void Evaluate_ThreePhaseUnderVoltageAgainst340V_TripsOnlyBelow(double phaseVolts, bool trips)
    {
        var h = new ProtectionHarness(ProtectionSettings.ForPhases(3));
        h.Hold(ProtectionHarness.ThreePhase(phaseVolts), Five);
        Assert.Equal(trips, h.Active(FaultCode.UnderVoltage));
    }

    [Theory]
    [InlineData(203.0, true)] // 351.6 V > 350 V
    [InlineData(202.0, false)] // 349.9 V
    public void Evaluate_ThreePhaseUnderVoltage_RecoversAbove350VLineToLine(double phaseVolts, bool recovers)
    {
        var h = new ProtectionHarness(ProtectionSettings.ForPhases(3));
        h.Hold(ProtectionHarness.ThreePhase(190), Five);
        h.Feed(ProtectionHarness.ThreePhase(phaseVolts));
        Assert.Equal(recovers, !h.Active(FaultCode.UnderVoltage));
    }

    [Fact]
    public void Evaluate_ThreePhaseConfiguredWithAMissingPhase_RaisesPhaseLossNotUnderVoltage()
    {
        var h = new ProtectionHarness(ProtectionSettings.ForPhases(3));
        var s = ProtectionHarness.ThreePhase(230) with { Meter = ProtectionHarness.Sample(new PhaseValues(230, 0, 230), PhaseValues.All(10)) };
        h.Hold(s, TimeSpan.FromSeconds(10));
        Assert.True(h.Active(FaultCode.PhaseLoss));
        Assert.False(h.Active(FaultCode.UnderVoltage));
    }

    [Fact]
    public void Evaluate_PhaseLossShorterThanHold_DoesNotTrip()
    {
        var h = new ProtectionHarness(ProtectionSettings.ForPhases(3));
        var s = ProtectionHarness.ThreePhase(230) with { Meter = ProtectionHarness.Sample(new PhaseValues(230, 230, 20), PhaseValues.All(10)) };
        h.Hold(s, TimeSpan.FromMilliseconds(900));
        Assert.False(h.Active(FaultCode.PhaseLoss));
    }

    [Fact]
    public void Evaluate_PhaseRestored_PhaseLossRecoversAfter5sHealthy()
    {
        var h = new ProtectionHarness(ProtectionSettings.ForPhases(3));
        var lost = ProtectionHarness.ThreePhase(230) with { Meter = ProtectionHarness.Sample(new PhaseValues(230, 230, 20), PhaseValues.All(10)) };
        h.Hold(lost, TimeSpan.FromSeconds(1));
        Assert.True(h.Active(FaultCode.PhaseLoss));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Hold(ProtectionHarness.ThreePhase(230), TimeSpan.FromSeconds(4.9));
        Assert.True(h.Active(FaultCode.PhaseLoss));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(ProtectionHarness.ThreePhase(230));
        Assert.False(h.Active(FaultCode.PhaseLoss));
    }

    [Fact]
    public void Evaluate_SinglePhaseSupplyOnThreePhaseSetting_RaisesPhaseLoss()
    {
        var h = new ProtectionHarness(ProtectionSettings.ForPhases(3));
        h.Hold(ProtectionHarness.Charging(volts: 230), TimeSpan.FromSeconds(2));
        Assert.True(h.Active(FaultCode.PhaseLoss));
    }

    [Fact]
    public void Evaluate_NoMeterReading_NeitherTripsNorRecoversVoltage()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging(volts: 280), TimeSpan.FromSeconds(5));
        h.Hold(ProtectionHarness.Charging() with { Meter = null }, TimeSpan.FromSeconds(2));
        Assert.True(h.Active(FaultCode.OverVoltage));
    }

    [Fact]
    public void ForPhases_Two_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtectionSettings.ForPhases(2));
    }
}
