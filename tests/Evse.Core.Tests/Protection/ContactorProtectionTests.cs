using Evse.Core.Pilot;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Protection;

public class ContactorProtectionTests
{
    private static readonly ProtectionSnapshot Welded = ProtectionHarness.Charging(amps: 0) with { ContactorCommandedClosed = false, ContactorFeedbackClosed = true };
    private static readonly ProtectionSnapshot Open = Welded with { ContactorFeedbackClosed = false };
    private static readonly ProtectionSnapshot NotPulledIn = ProtectionHarness.Charging(amps: 0) with { ContactorFeedbackClosed = false };

    [Fact]
    public void Evaluate_FeedbackClosedUnder1sAfterOpen_IsNotWelded()
    {
        var h = new ProtectionHarness();
        h.Hold(Welded, TimeSpan.FromMilliseconds(900));
        Assert.False(h.Active(FaultCode.RelayWelded));
    }

    [Fact]
    public void Evaluate_FeedbackClosedPast1s_RaisesHardWeldedFault()
    {
        var h = new ProtectionHarness();
        h.Hold(Welded, TimeSpan.FromMilliseconds(1100));
        var notice = Assert.Single(h.Raised, r => r.Code == FaultCode.RelayWelded);
        Assert.True(notice.Latched);
        Assert.True(FaultCatalog.Describe(FaultCode.RelayWelded).Hard);
    }

    [Fact]
    public void Evaluate_WeldedThenFeedbackOpensAndUnplug_StaysFaulted()
    {
        var h = new ProtectionHarness();
        h.Hold(Welded, TimeSpan.FromSeconds(2));
        h.Hold(Open, TimeSpan.FromHours(5), TimeSpan.FromMinutes(1));
        h.Feed(Open with { Pilot = PilotState.A });
        Assert.True(h.Active(FaultCode.RelayWelded));
    }

    [Fact]
    public void TryAcknowledge_WeldedWhileFeedbackStillClosed_Refuses()
    {
        var h = new ProtectionHarness();
        h.Hold(Welded, TimeSpan.FromSeconds(2));
        Assert.False(h.Monitor.TryAcknowledge(h.State, FaultCode.RelayWelded, Welded, h.Clock.GetUtcNow(), out _));
        Assert.True(h.Monitor.TryAcknowledge(h.State, FaultCode.RelayWelded, Open, h.Clock.GetUtcNow(), out var next));
        Assert.False(next.IsActive(FaultCode.RelayWelded));
    }

    [Fact]
    public void Evaluate_CommandedClosedFeedbackOpen1s_RaisesChargingCircuitAbnormal()
    {
        var h = new ProtectionHarness();
        h.Hold(NotPulledIn, TimeSpan.FromMilliseconds(900));
        Assert.False(h.Active(FaultCode.ChargingCircuitAbnormal));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(NotPulledIn);
        Assert.True(h.Active(FaultCode.ChargingCircuitAbnormal));
    }

    [Fact]
    public void Evaluate_ChargingCircuitAbnormal_RetriesAfter10sThreeTimesThenLatches()
    {
        var h = new ProtectionHarness();
        for (var i = 0; i < 3; i++)
        {
            h.Hold(NotPulledIn, TimeSpan.FromSeconds(1));
            h.Hold(Open, TimeSpan.FromSeconds(9.8));
            Assert.True(h.Active(FaultCode.ChargingCircuitAbnormal));
            h.Hold(Open, TimeSpan.FromSeconds(0.5));
            Assert.False(h.Active(FaultCode.ChargingCircuitAbnormal));
        }

        h.Hold(NotPulledIn, TimeSpan.FromSeconds(1));
        h.Hold(Open, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1));
        Assert.True(h.State.IsLatched(FaultCode.ChargingCircuitAbnormal));

        h.Feed(Open with { Pilot = PilotState.A });
        Assert.False(h.Active(FaultCode.ChargingCircuitAbnormal));
    }
}
