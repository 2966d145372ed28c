using System.Collections.Immutable;
using Evse.Core.Limits;

namespace Evse.Core.Scheduling;

/// <summary>
/// Hours of operation per weekday. Outside them no new session starts and a session under way is paused
/// (the schedule contributes 0 A to the current limit): a vendor's "open hours" close the bay, they do not
/// cut a car off mid-session without a trace, and the session resumes when the hours open again.
/// </summary>
public sealed record HoursOfOperation
{
    private readonly ImmutableArray<DayHours> _days;

    /// <param name="byDayOfWeek">Seven entries indexed by <see cref="DayOfWeek"/> (Sunday = 0).</param>
    public HoursOfOperation(IReadOnlyList<DayHours> byDayOfWeek)
    {
        ArgumentNullException.ThrowIfNull(byDayOfWeek);
        if (byDayOfWeek.Count != 7)
        {
            throw new ArgumentException("Hours of operation need one entry per weekday.", nameof(byDayOfWeek));
        }

        _days = [.. byDayOfWeek];
    }

    public static HoursOfOperation AlwaysOpen { get; } = new(Enumerable.Repeat(DayHours.AllDay, 7).ToArray());

    public DayHours this[DayOfWeek day] => _days[(int)day];

    public HoursOfOperation With(DayOfWeek day, DayHours hours)
    {
        var days = _days.ToArray();
        days[(int)day] = hours;
        return new HoursOfOperation(days);
    }

    /// <summary>Open at <paramref name="now"/>, judged on the station's wall clock in <paramref name="timeZone"/> (DST included).</summary>
    public bool IsOpen(DateTimeOffset now, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var local = TimeZoneInfo.ConvertTime(now, timeZone);
        var minute = (local.Hour * 60) + local.Minute;
        var today = this[local.DayOfWeek];
        var yesterday = this[(DayOfWeek)(((int)local.DayOfWeek + 6) % 7)];
        return today.OpensAt(minute) || yesterday.SpillsInto(minute);
    }

    /// <summary>The schedule contributor: 0 A outside the hours (the limit pauses), null inside them.</summary>
    public LimitContributor? Limit(DateTimeOffset now, TimeZoneInfo timeZone)
    {
        if (IsOpen(now, timeZone))
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(now, timeZone);
        return new LimitContributor(LimitSource.Schedule, 0, $"outside hours of operation ({local.DayOfWeek} {this[local.DayOfWeek]})");
    }
}
