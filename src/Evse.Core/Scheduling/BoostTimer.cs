using System.Globalization;

namespace Evse.Core.Scheduling;

/// <summary>
/// One boost (timed fast-charging) window of seed 004 §10: start before end on the same day, in the
/// station's time zone. While it runs, ECO and ECO+ charge as FAST. <see cref="Date"/> is the day of a
/// <see cref="BoostRepeat.Once"/> timer and null for every day.
/// </summary>
public sealed record BoostTimer(TimeOnly Start, TimeOnly End, BoostRepeat Repeat, DateOnly? Date = null, bool Enabled = true)
{
    public bool RunsOn(DateOnly day) => Repeat == BoostRepeat.EveryDay || Date == day;

    public bool Covers(DateTime local) => Enabled && RunsOn(DateOnly.FromDateTime(local)) && TimeOnly.FromDateTime(local) is var t && t >= Start && t < End;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Start:HH\\:mm}–{End:HH\\:mm} {(Repeat == BoostRepeat.EveryDay ? "every day" : $"once on {Date:yyyy-MM-dd}")}");
}
