using System.Globalization;

namespace Evse.Core.Scheduling;

/// <summary>
/// One weekday's hours of operation (seed 001 Fig. 14, HHMM start/end in the station's time zone).
/// </summary>
/// <remarks>
/// The end is exclusive except "2359", which the portal uses for "until midnight" (0000–2359 is the whole
/// day, as in the factory defaults). An end before the start spans past midnight: 2200–0600 on Monday is open
/// from Monday 22:00 to Tuesday 06:00. Equal start and end, or the word "closed" / empty fields, is closed all day.
/// </remarks>
public sealed record DayHours
{
    public const int MinutesPerDay = 24 * 60;

    private DayHours(int startMinute, int endMinute, bool closed)
    {
        StartMinute = startMinute;
        EndMinute = endMinute;
        Closed = closed;
    }

    public static DayHours AllDay { get; } = new(0, MinutesPerDay, false);

    public static DayHours ClosedAllDay { get; } = new(0, 0, true);

    /// <summary>Minutes after local midnight at which the day opens.</summary>
    public int StartMinute { get; }

    /// <summary>Minutes after local midnight at which it closes (1440 = midnight); below <see cref="StartMinute"/> it is on the next day.</summary>
    public int EndMinute { get; }

    public bool Closed { get; }

    public bool SpansMidnight => !Closed && EndMinute < StartMinute;

    public static bool TryParse(string? startHhmm, string? endHhmm, out DayHours hours, out string? error)
    {
        hours = ClosedAllDay;
        error = null;
        if (IsClosedWord(startHhmm) && IsClosedWord(endHhmm))
        {
            return true;
        }

        if (!TryMinutes(startHhmm, out var start) || !TryMinutes(endHhmm, out var end))
        {
            error = $"Hours must be HHMM from 0000 to 2359, got '{startHhmm}'–'{endHhmm}'.";
            return false;
        }

        if (end == 23 * 60 + 59)
        {
            end = MinutesPerDay;
        }

        hours = start == end ? ClosedAllDay : new DayHours(start, end, false);
        return true;
    }

    /// <summary>Is local minute-of-day <paramref name="minute"/> open on this day's own window (not the spill-over from yesterday)?</summary>
    internal bool OpensAt(int minute) => !Closed && (SpansMidnight ? minute >= StartMinute : minute >= StartMinute && minute < EndMinute);

    /// <summary>Is this window, started yesterday, still open at today's <paramref name="minute"/>?</summary>
    internal bool SpillsInto(int minute) => SpansMidnight && minute < EndMinute;

    public override string ToString() => Closed
        ? "closed"
        : string.Create(CultureInfo.InvariantCulture, $"{StartMinute / 60:00}{StartMinute % 60:00}–{(EndMinute == MinutesPerDay ? "2359" : $"{EndMinute / 60:00}{EndMinute % 60:00}")}");

    private static bool IsClosedWord(string? text) =>
        string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "closed", StringComparison.OrdinalIgnoreCase);

    private static bool TryMinutes(string? hhmm, out int minutes)
    {
        minutes = 0;
        if (hhmm is not { Length: 4 } || !hhmm.All(char.IsAsciiDigit))
        {
            return false;
        }

        var h = ((hhmm[0] - '0') * 10) + (hhmm[1] - '0');
        var m = ((hhmm[2] - '0') * 10) + (hhmm[3] - '0');
        minutes = (h * 60) + m;
        return h < 24 && m < 60;
    }
}
