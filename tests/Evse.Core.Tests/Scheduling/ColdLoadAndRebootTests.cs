using Evse.Core.Scheduling;
using Evse.Testing;

namespace Evse.Core.Tests.Scheduling;

public class ColdLoadAndRebootTests
{
    [Fact]
    public void DrawDelay_ManyDraws_StayWithin120And720AndReachBothEnds()
    {
        var random = new Random(1234);
        var draws = Enumerable.Range(0, 20_000).Select(_ => ColdLoadPickup.DrawDelay(ColdLoadPickup.DefaultMaxDelay, random)).ToList();
        Assert.All(draws, d => Assert.InRange(d.TotalSeconds, 120, 720));
        Assert.Equal(120, draws.Min().TotalSeconds);
        Assert.Equal(720, draws.Max().TotalSeconds);
    }

    [Fact]
    public void DrawDelay_MaxBelowMinimum_Uses120s()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), ColdLoadPickup.DrawDelay(TimeSpan.FromSeconds(30), new Random(1)));
    }

    [Fact]
    public void HoldUntil_AfterPowerFailure_HoldsPowerOneFakeSecondPerStep()
    {
        var clock = new FakeTimeProvider();
        var booted = clock.GetUtcNow();
        var until = ColdLoadPickup.HoldUntil(BootCause.PowerFailure, booted, ColdLoadPickup.DefaultMaxDelay, new Random(7));
        Assert.NotNull(until);

        var held = 0;
        while (ColdLoadPickup.Limit(until, clock.GetUtcNow()) is { Amps: 0 })
        {
            held++;
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var waited = clock.GetUtcNow() - booted;
        Assert.InRange(waited.TotalSeconds, 120, 720);
        Assert.Equal(until, clock.GetUtcNow());
        // Every held second is one step of the fake clock: the whole wait is fake time, none of it real.
        Assert.Equal(waited, TimeSpan.FromSeconds(held));
    }

    [Theory]
    [InlineData(BootCause.PlannedRestart)]
    [InlineData(BootCause.ProcessRestart)]
    public void HoldUntil_NotAPowerFailure_NoHold(BootCause cause)
    {
        Assert.Null(ColdLoadPickup.HoldUntil(cause, DateTimeOffset.UnixEpoch, ColdLoadPickup.DefaultMaxDelay, new Random(7)));
    }

    [Fact]
    public void ResumeAfterReboot_OnAndStillPlugged_ResumesAfterColdLoad()
    {
        var hold = DateTimeOffset.UnixEpoch.AddMinutes(5);
        var decision = RebootPolicy.ResumeAfterReboot(true, "04A1B2C3", vehicleStillPlugged: true, hold);
        Assert.True(decision.Resume);
        Assert.Equal("04A1B2C3", decision.IdTag);
        Assert.Equal(hold, decision.NotBefore);
    }

    [Theory]
    [InlineData(false, true, "04A1B2C3")]
    [InlineData(true, false, "04A1B2C3")]
    [InlineData(true, true, null)]
    public void ResumeAfterReboot_OffOrUnpluggedOrNoSession_DoesNotResume(bool setting, bool plugged, string? idTag)
    {
        Assert.False(RebootPolicy.ResumeAfterReboot(setting, idTag, plugged, null).Resume);
    }

    [Fact]
    public void RebootDue_AfterDefaultPeriod_OnlyWhenIdle()
    {
        var booted = DateTimeOffset.UnixEpoch;
        var week = booted + TimeSpan.FromMinutes(10080);
        Assert.False(RebootPolicy.RebootDue(booted, week - TimeSpan.FromMinutes(1), RebootPolicy.DefaultRebootPeriod, false));
        Assert.False(RebootPolicy.RebootDue(booted, week, RebootPolicy.DefaultRebootPeriod, anySessionActive: true));
        Assert.True(RebootPolicy.RebootDue(booted, week, RebootPolicy.DefaultRebootPeriod, false));
        Assert.True(RebootPolicy.RebootDue(booted, week + TimeSpan.FromHours(3), RebootPolicy.DefaultRebootPeriod, false));
    }

    [Fact]
    public void RebootDue_PeriodZero_NeverDue()
    {
        Assert.False(RebootPolicy.RebootDue(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1), TimeSpan.Zero, false));
    }
}
