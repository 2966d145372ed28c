using Evse.Core.Scheduling;

namespace Evse.Core.Tests.Scheduling;

public class BoostTimerSetTests
{
    private static readonly DateOnly Monday = new(2026, 1, 5);

    private static BoostTimer Daily(int from, int to) => new(new TimeOnly(from, 0), new TimeOnly(to, 0), BoostRepeat.EveryDay);

    private static BoostTimer Once(int from, int to, DateOnly date) => new(new TimeOnly(from, 0), new TimeOnly(to, 0), BoostRepeat.Once, date);

    [Fact]
    public void TryCreate_FourDisjointTimers_Succeeds()
    {
        Assert.True(BoostTimerSet.TryCreate([Daily(0, 2), Daily(2, 4), Daily(10, 11), Once(12, 13, Monday)], out var set, out var error), error);
        Assert.Equal(4, set.Timers.Length);
    }

    [Fact]
    public void TryAdd_FifthTimer_IsRejected()
    {
        BoostTimerSet.TryCreate([Daily(0, 1), Daily(2, 3), Daily(4, 5), Daily(6, 7)], out var set, out _);
        Assert.False(set.TryAdd(Daily(8, 9), out var same, out var error));
        Assert.Same(set, same);
        Assert.Contains("At most 4", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryAdd_Overlap_IsRejectedNamingBothTimers()
    {
        BoostTimerSet.TryCreate([Daily(8, 10)], out var set, out _);
        Assert.False(set.TryAdd(new BoostTimer(new TimeOnly(9, 30), new TimeOnly(11, 0), BoostRepeat.EveryDay), out _, out var error));
        Assert.Equal("Boost timer 09:30–11:00 every day overlaps the existing timer 08:00–10:00 every day: the timing charging periods are repeated.", error);
    }

    [Fact]
    public void TryAdd_TouchingWindows_DoNotOverlap()
    {
        BoostTimerSet.TryCreate([Daily(8, 10)], out var set, out _);
        Assert.True(set.TryAdd(Daily(10, 12), out _, out _));
    }

    [Fact]
    public void TryAdd_OnceOnOtherDates_DoNotOverlapButOnceOverlapsEveryDay()
    {
        BoostTimerSet.TryCreate([Once(8, 10, Monday)], out var set, out _);
        Assert.True(set.TryAdd(Once(8, 10, Monday.AddDays(1)), out _, out _));
        Assert.False(set.TryAdd(Daily(9, 11), out _, out _));
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(11, 10)]
    public void TryAdd_StartNotBeforeEnd_IsRejected(int from, int to)
    {
        Assert.False(BoostTimerSet.Empty.TryAdd(Daily(from, to), out _, out var error));
        Assert.Contains("start before it ends", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryAdd_OnceWithoutDate_IsRejected()
    {
        Assert.False(BoostTimerSet.Empty.TryAdd(new BoostTimer(new TimeOnly(1, 0), new TimeOnly(2, 0), BoostRepeat.Once), out _, out var error));
        Assert.Contains("date", error, StringComparison.Ordinal);
    }

    [Fact]
    public void IsActive_InsideEnabledWindowOnly()
    {
        BoostTimerSet.TryCreate([Daily(1, 3), Once(12, 13, Monday) with { Enabled = false }], out var set, out _);
        var utc = TimeZoneInfo.Utc;
        Assert.True(set.IsActive(new DateTimeOffset(2026, 1, 7, 2, 0, 0, TimeSpan.Zero), utc));
        Assert.False(set.IsActive(new DateTimeOffset(2026, 1, 7, 3, 0, 0, TimeSpan.Zero), utc));
        Assert.False(set.IsActive(new DateTimeOffset(2026, 1, 5, 12, 30, 0, TimeSpan.Zero), utc));
    }

    [Fact]
    public void WithoutExpired_DropsPastOnceTimers()
    {
        BoostTimerSet.TryCreate([Daily(1, 3), Once(12, 13, Monday), Once(12, 13, Monday.AddDays(2))], out var set, out _);
        var pruned = set.WithoutExpired(new DateTimeOffset(2026, 1, 5, 13, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);
        Assert.Equal(2, pruned.Timers.Length);
        Assert.DoesNotContain(pruned.Timers, t => t.Date == Monday);
    }
}
