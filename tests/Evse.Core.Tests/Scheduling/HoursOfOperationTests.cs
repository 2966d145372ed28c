using Evse.Core.Scheduling;

namespace Evse.Core.Tests.Scheduling;

public class HoursOfOperationTests
{
    // 2026-01-05 is a Monday.
    private static DateTimeOffset Utc(int day, int hour, int minute) => new(2026, 1, day, hour, minute, 0, TimeSpan.Zero);

    private static DayHours Parse(string start, string end)
    {
        Assert.True(DayHours.TryParse(start, end, out var hours, out var error), error);
        return hours;
    }

    [Fact]
    public void IsOpen_SeedDefaultMonday1000To2359_ClosedBefore10AndOpenUntilMidnight()
    {
        var hours = HoursOfOperation.AlwaysOpen.With(DayOfWeek.Monday, Parse("1000", "2359"));
        Assert.False(hours.IsOpen(Utc(5, 9, 59), TimeZoneInfo.Utc));
        Assert.True(hours.IsOpen(Utc(5, 10, 0), TimeZoneInfo.Utc));
        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 1, 5, 23, 59, 59, TimeSpan.Zero), TimeZoneInfo.Utc));
    }

    [Fact]
    public void IsOpen_SpanPastMidnight_OpenUntilNextMorning()
    {
        var closed = Enumerable.Repeat(DayHours.ClosedAllDay, 7).ToArray();
        var hours = new HoursOfOperation(closed).With(DayOfWeek.Monday, Parse("2200", "0600"));
        Assert.False(hours.IsOpen(Utc(5, 21, 59), TimeZoneInfo.Utc));
        Assert.True(hours.IsOpen(Utc(5, 23, 0), TimeZoneInfo.Utc));
        Assert.True(hours.IsOpen(Utc(6, 5, 59), TimeZoneInfo.Utc)); // Tuesday morning, Monday's window
        Assert.False(hours.IsOpen(Utc(6, 6, 0), TimeZoneInfo.Utc));
        Assert.False(hours.IsOpen(Utc(6, 23, 0), TimeZoneInfo.Utc)); // Tuesday itself is closed
    }

    [Theory]
    [InlineData("closed", "closed")]
    [InlineData("", "")]
    [InlineData("0800", "0800")]
    public void TryParse_ClosedForms_AreClosedAllDay(string start, string end)
    {
        var hours = Parse(start, end);
        Assert.True(hours.Closed);
        var week = HoursOfOperation.AlwaysOpen.With(DayOfWeek.Wednesday, hours);
        Assert.False(week.IsOpen(Utc(7, 12, 0), TimeZoneInfo.Utc));
        Assert.NotNull(week.Limit(Utc(7, 12, 0), TimeZoneInfo.Utc));
        Assert.Null(week.Limit(Utc(8, 12, 0), TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("2400", "0100")]
    [InlineData("1260", "1300")]
    [InlineData("9am", "1700")]
    public void TryParse_Invalid_FailsWithMessage(string start, string end)
    {
        Assert.False(DayHours.TryParse(start, end, out _, out var error));
        Assert.Contains("HHMM", error, StringComparison.Ordinal);
    }

    [Fact]
    public void IsOpen_JudgesOnTheStationTimeZone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+02", TimeSpan.FromHours(2), "UTC+02", "UTC+02");
        var hours = HoursOfOperation.AlwaysOpen.With(DayOfWeek.Monday, Parse("0800", "1700"));
        Assert.True(hours.IsOpen(Utc(5, 6, 30), zone)); // 08:30 local
        Assert.False(hours.IsOpen(Utc(5, 6, 30), TimeZoneInfo.Utc));
    }
}
