using Evse.Core.Pilot;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Protection;

public class ResidualCurrentProtectionTests
{
    private static readonly ProtectionSnapshot Tripped = ProtectionHarness.Charging(amps: 0) with
    {
        ResidualCurrentTripped = true,
        ContactorCommandedClosed = false,
        ContactorFeedbackClosed = false,
    };

    private static readonly ProtectionSnapshot Released = Tripped with { ResidualCurrentTripped = false };

    [Fact]
    public void Evaluate_TripInput_RaisesAtOnceRecoverable()
    {
        var h = new ProtectionHarness();
        h.Feed(Tripped);
        var notice = Assert.Single(h.Raised);
        Assert.Equal(FaultCode.ResidualCurrent, notice.Code);
        Assert.False(notice.Latched);
    }

    [Fact]
    public void Evaluate_TripThenRelease_RetriesAfter15MinutesNotBefore()
    {
        var h = new ProtectionHarness();
        h.Feed(Tripped);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.Hold(Released, TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        Assert.True(h.Active(FaultCode.ResidualCurrent));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.Feed(Released);
        Assert.False(h.Active(FaultCode.ResidualCurrent));
        Assert.Equal(h.Clock.GetUtcNow(), new DateTimeOffset(2026, 1, 5, 8, 15, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Evaluate_InputStillTrippedAt15Minutes_WaitsForRelease()
    {
        var h = new ProtectionHarness();
        h.Hold(Tripped, TimeSpan.FromMinutes(20), TimeSpan.FromSeconds(10));
        Assert.True(h.Active(FaultCode.ResidualCurrent));
        h.Feed(Released);
        Assert.False(h.Active(FaultCode.ResidualCurrent));
    }

    [Fact]
    public void Evaluate_FourthTrip_StaysFaultedAndTheRuleRunsOnFakeTime()
    {
        var h = new ProtectionHarness();
        var start = h.Clock.GetUtcNow();
        for (var i = 0; i < 3; i++)
        {
            h.Feed(Tripped);
            h.Hold(Released, TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(5));
            Assert.False(h.Active(FaultCode.ResidualCurrent));
            h.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        h.Feed(Tripped);
        h.Hold(Released, TimeSpan.FromHours(3), TimeSpan.FromSeconds(10));

        Assert.True(h.State.IsLatched(FaultCode.ResidualCurrent));
        Assert.Equal(4, h.Raised.Count);
        // Three 15-minute retries and three hours of waiting passed on the fake clock, none on the real one.
        Assert.True(h.Clock.GetUtcNow() - start >= TimeSpan.FromMinutes(45) + TimeSpan.FromHours(3));
    }

    [Fact]
    public void Evaluate_TripAtSessionStart_IsHardAtOnce()
    {
        var h = new ProtectionHarness();
        h.Feed(Tripped with { SessionJustStarted = true });
        Assert.True(Assert.Single(h.Raised).Latched);
        Assert.Contains("session start", h.Raised[0].Detail, StringComparison.Ordinal);

        h.Hold(Released, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        h.Feed(Released with { Pilot = PilotState.A });
        Assert.True(h.Active(FaultCode.ResidualCurrent));
    }

    [Fact]
    public void TryAcknowledge_LatchedAndReleased_Clears()
    {
        var h = new ProtectionHarness();
        h.Feed(Tripped with { SessionJustStarted = true });
        Assert.True(h.Monitor.TryAcknowledge(h.State, FaultCode.ResidualCurrent, Released, h.Clock.GetUtcNow(), out var next));
        Assert.False(next.IsActive(FaultCode.ResidualCurrent));
    }

    [Fact]
    public void TryAcknowledge_StillTripped_Refuses()
    {
        var h = new ProtectionHarness();
        h.Feed(Tripped with { SessionJustStarted = true });
        Assert.False(h.Monitor.TryAcknowledge(h.State, FaultCode.ResidualCurrent, Tripped, h.Clock.GetUtcNow(), out var next));
        Assert.True(next.IsActive(FaultCode.ResidualCurrent));
    }

    [Fact]
    public void Evaluate_UnplugBetweenTrips_ResetsRetryCounter()
    {
        var h = new ProtectionHarness();
        for (var i = 0; i < 3; i++)
        {
            h.Feed(Tripped);
            h.Hold(Released, TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(5));
            h.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        h.Feed(Released with { Pilot = PilotState.A });
        h.Feed(Released with { Pilot = PilotState.B });
        h.Feed(Tripped with { Pilot = PilotState.B });
        Assert.False(h.Raised[^1].Latched);
    }
}
