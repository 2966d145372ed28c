using Evse.Core.Pilot;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Protection;

public class CurrentProtectionTests
{
    private static readonly ProtectionSnapshot Over = ProtectionHarness.Charging(amps: 17.7, offered: 16); // 1.1 × 16 = 17.6
    private static readonly ProtectionSnapshot Stopped = ProtectionHarness.Charging(amps: 0) with { ContactorCommandedClosed = false, ContactorFeedbackClosed = false };

    private static void Trip(ProtectionHarness h)
    {
        h.Hold(Over, TimeSpan.FromSeconds(5));
        Assert.True(h.Active(FaultCode.OverCurrent));
    }

    [Fact]
    public void Evaluate_Above110PercentShorterThan5s_DoesNotTrip()
    {
        var h = new ProtectionHarness();
        h.Hold(Over, TimeSpan.FromSeconds(4.9));
        Assert.False(h.Active(FaultCode.OverCurrent));
    }

    [Fact]
    public void Evaluate_Above110PercentFor5s_Trips()
    {
        var h = new ProtectionHarness();
        Trip(h);
        Assert.Contains("17.7 A > 1.1 × 16 A", Assert.Single(h.Raised).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_At109PercentForever_DoesNotTrip()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging(amps: 17.5, offered: 16), TimeSpan.FromMinutes(2));
        Assert.False(h.Active(FaultCode.OverCurrent));
    }

    [Fact]
    public void Evaluate_ContactorOpen_IgnoresCurrentForOverCurrent()
    {
        var h = new ProtectionHarness();
        h.Hold(Over with { ContactorCommandedClosed = false }, TimeSpan.FromSeconds(10));
        Assert.False(h.Active(FaultCode.OverCurrent));
    }

    [Fact]
    public void Evaluate_After30sNormal_RestartsAutomatically()
    {
        var h = new ProtectionHarness();
        Trip(h);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.Hold(Stopped, TimeSpan.FromSeconds(29.9));
        Assert.True(h.Active(FaultCode.OverCurrent));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(Stopped);
        Assert.False(h.Active(FaultCode.OverCurrent));
        Assert.Equal(1, h.State.Trackers[FaultCode.OverCurrent].RestartsUsed);
    }

    [Fact]
    public void Evaluate_FourthTripWithoutUnplug_StaysFaulted()
    {
        var h = new ProtectionHarness();
        for (var i = 0; i < 3; i++)
        {
            Trip(h);
            h.Hold(Stopped, TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(1));
            Assert.False(h.Active(FaultCode.OverCurrent));
        }

        Trip(h);
        h.Hold(Stopped, TimeSpan.FromHours(2), TimeSpan.FromMinutes(1));
        Assert.True(h.State.IsLatched(FaultCode.OverCurrent));
        Assert.Equal([false, false, false, true], h.Raised.Select(r => r.Latched));
        Assert.Contains("staying faulted", h.Raised[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnplugAfterGivingUp_ClearsAndResetsCounter()
    {
        var h = new ProtectionHarness();
        for (var i = 0; i < 3; i++)
        {
            Trip(h);
            h.Hold(Stopped, TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(1));
        }

        Trip(h);
        h.Feed(Stopped with { Pilot = PilotState.B });
        h.Feed(Stopped with { Pilot = PilotState.A });
        Assert.False(h.Active(FaultCode.OverCurrent));
        Assert.Equal(0, h.State.Trackers[FaultCode.OverCurrent].RestartsUsed);

        h.Feed(Stopped with { Pilot = PilotState.C });
        Trip(h);
        Assert.False(h.Raised[^1].Latched);
    }

    [Fact]
    public void Evaluate_NormalInterruptedByOverCurrent_RestartsThe30sCount()
    {
        var h = new ProtectionHarness();
        Trip(h);
        h.Hold(Stopped, TimeSpan.FromSeconds(20));
        h.Feed(Over);
        h.Hold(Stopped, TimeSpan.FromSeconds(20));
        Assert.True(h.Active(FaultCode.OverCurrent));
    }
}
