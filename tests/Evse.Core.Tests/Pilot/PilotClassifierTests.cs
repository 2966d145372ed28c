using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;

namespace Evse.Core.Tests.Pilot;

public class PilotClassifierTests
{
    [Theory]
    [InlineData(12, PilotState.A)]
    [InlineData(11, PilotState.A)]
    [InlineData(10, PilotState.B)]
    [InlineData(9, PilotState.B)]
    [InlineData(8, PilotState.B)]
    [InlineData(7, PilotState.C)]
    [InlineData(6, PilotState.C)]
    [InlineData(5, PilotState.C)]
    [InlineData(4, PilotState.D)]
    [InlineData(3, PilotState.D)]
    [InlineData(2, PilotState.D)]
    [InlineData(1.9, PilotState.E)]
    [InlineData(0, PilotState.E)]
    [InlineData(-10.9, PilotState.E)]
    [InlineData(-11, PilotState.F)]
    [InlineData(-12, PilotState.F)]
    public void Classify_RequirementVoltages_GiveTheirState(double volts, PilotState expected)
    {
        Assert.Equal(expected, PilotClassifier.Classify(volts));
    }

    [Theory]
    [InlineData(9, -12, true)]
    [InlineData(6, -12, true)]
    [InlineData(6, -6, false)]
    [InlineData(9, 0, false)]
    [InlineData(12, 12, true)]
    public void DiodeOk_WhilePwm_NeedsMinusTwelveInTheLowPhase(double high, double low, bool expected)
    {
        Assert.Equal(expected, PilotClassifier.DiodeOk(new PilotReading(high, low), PilotOutputMode.Pwm));
    }

    [Fact]
    public void DiodeOk_ReadingTakenBeforeThePwmStarted_CannotBeJudgedAndPasses()
    {
        Assert.True(PilotClassifier.DiodeOk(new PilotReading(6, 6), PilotOutputMode.Pwm));
    }

    [Fact]
    public void DiodeOk_WithoutPwm_CannotBeJudgedAndPasses()
    {
        Assert.True(PilotClassifier.DiodeOk(new PilotReading(6, 6), PilotOutputMode.SteadyPositive));
    }
}
