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
}
