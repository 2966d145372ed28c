using Evse.Core.Scheduling;

namespace Evse.Host.Options;

/// <summary>Parses the schedule settings of <see cref="StationOptions"/> into the domain's types, with messages that name the key.</summary>
public static class ScheduleSettings
{
    public static bool TryParseHours(IReadOnlyDictionary<string, string> byDay, out HoursOfOperation hours, out string? error)
    {
        ArgumentNullException.ThrowIfNull(byDay);
        hours = HoursOfOperation.AlwaysOpen;
        error = null;
        foreach (var (dayName, text) in byDay)
        {
            if (!Enum.TryParse<DayOfWeek>(dayName, ignoreCase: true, out var day) || int.TryParse(dayName, out _))
            {
                error = $"Station:HoursOfOperation:{dayName} is not a weekday (Monday … Sunday).";
                return false;
            }

            DayHours parsed;
            string? dayError;
            if (string.Equals(text.Trim(), "closed", StringComparison.OrdinalIgnoreCase))
            {
                parsed = DayHours.ClosedAllDay;
            }
            else
            {
                var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || !DayHours.TryParse(parts[0], parts[1], out parsed, out dayError))
                {
                    error = $"Station:HoursOfOperation:{dayName} is '{text}'; use \"HHMM-HHMM\" (e.g. \"0700-2200\") or \"closed\".";
                    return false;
                }
            }

            hours = hours.With(day, parsed);
        }

        return true;
    }

    public static bool TryParseTimeZone(string id, out TimeZoneInfo zone, out string? error)
    {
        zone = TimeZoneInfo.Local;
        error = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"Station:TimeZone '{id}' is not a time zone this system knows (use an IANA id such as Europe/Amsterdam).";
            return false;
        }
    }

    /// <summary>
    /// <c>Station:BoostTimers</c> into a <see cref="BoostTimerSet"/>: a malformed entry names its index; a set the app
    /// would refuse (a fifth timer, end before start, an overlap) fails with the set's own message.
    /// </summary>
    public static bool TryParseBoostTimers(IReadOnlyList<BoostTimerOptions> entries, out BoostTimerSet set, out string? error)
    {
        ArgumentNullException.ThrowIfNull(entries);
        set = BoostTimerSet.Empty;
        var timers = new List<BoostTimer>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var key = $"Station:BoostTimers:{i}";
            if (!TryTime(entry.Start, out var start) || !TryTime(entry.End, out var end))
            {
                error = $"{key} is '{entry.Start}'–'{entry.End}'; Start and End are HHMM from 0000 to 2359.";
                return false;
            }

            BoostRepeat repeat;
            DateOnly? date = null;
            if (string.Equals(entry.Repeat, "Daily", StringComparison.OrdinalIgnoreCase) || string.Equals(entry.Repeat, "EveryDay", StringComparison.OrdinalIgnoreCase))
            {
                repeat = BoostRepeat.EveryDay;
            }
            else if (string.Equals(entry.Repeat, "Once", StringComparison.OrdinalIgnoreCase))
            {
                repeat = BoostRepeat.Once;
                if (!DateOnly.TryParseExact(entry.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
                {
                    error = $"{key}:Date is '{entry.Date}'; a Once timer needs its day as yyyy-MM-dd.";
                    return false;
                }

                date = day;
            }
            else
            {
                error = $"{key}:Repeat is '{entry.Repeat}'; use Daily or Once.";
                return false;
            }

            timers.Add(new BoostTimer(start, end, repeat, date, entry.Enabled));
        }

        if (!BoostTimerSet.TryCreate(timers, out set, out var setError))
        {
            error = $"Station:BoostTimers: {setError}";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryTime(string? hhmm, out TimeOnly time)
    {
        time = default;
        if (hhmm is not { Length: 4 } || !hhmm.All(char.IsAsciiDigit))
        {
            return false;
        }

        var h = ((hhmm[0] - '0') * 10) + (hhmm[1] - '0');
        var m = ((hhmm[2] - '0') * 10) + (hhmm[3] - '0');
        if (h > 23 || m > 59)
        {
            return false;
        }

        time = new TimeOnly(h, m);
        return true;
    }
}
