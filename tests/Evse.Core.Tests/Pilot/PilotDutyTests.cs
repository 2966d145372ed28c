using Evse.Core.Pilot;

namespace Evse.Core.Tests.Pilot;

public class PilotDutyTests
{
    [Theory]
    [InlineData(6, 10)]
    [InlineData(16, 26.6667)]
    [InlineData(32, 53.3333)]
    [InlineData(51, 85)]
    [InlineData(60, 88)]
    [InlineData(80, 96)]
    public void DutyPercentFor_TableValues_MatchIec61851(double amps, double expectedPercent)
    {
        Assert.Equal(expectedPercent, PilotDuty.DutyPercentFor(amps), 3);
    }

    [Theory]
    [InlineData(5.99)]
    [InlineData(0)]
    [InlineData(80.01)]
    [InlineData(double.NaN)]
    public void DutyPercentFor_OutsideSixToEighty_Throws(double amps)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PilotDuty.DutyPercentFor(amps));
    }

    [Fact]
    public void AmpsFor_InvertsDutyPercentFor_AcrossTheRange()
    {
        for (var amps = 6.0; amps <= 80.0; amps += 0.25)
        {
            var offered = PilotDuty.AmpsFor(PilotDuty.DutyPercentFor(amps));
            if (amps is > 51 and <= 52.5)
            {
                // No duty cycle encodes these: the pilot offers 51 A, never more than asked.
                Assert.Equal(51, offered, 6);
            }
            else
            {
                Assert.Equal(amps, offered, 6);
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(97)]
    [InlineData(100)]
    public void AmpsFor_DutyThatOffersNothing_IsZero(double duty)
    {
        Assert.Equal(0, PilotDuty.AmpsFor(duty));
    }

    [Theory]
    [InlineData(5.9, false, 0)]
    [InlineData(6, true, 6)]
    [InlineData(100, true, 80)]
    public void TryOfferable_BelowSixAmps_MeansPause(double wanted, bool expected, double offered)
    {
        Assert.Equal(expected, PilotDuty.TryOfferable(wanted, out var actual));
        Assert.Equal(offered, actual);
    }
}
