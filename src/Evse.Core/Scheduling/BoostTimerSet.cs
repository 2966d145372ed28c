using System.Collections.Immutable;

namespace Evse.Core.Scheduling;

/// <summary>
/// Up to four boost timers (seed 004 §10), validated as the app validates them: start earlier than end,
/// a once-timer has a date, and no two timers overlap (an every-day timer overlaps any timer whose hours
/// it shares; two once-timers only on the same date). Overlap checks include disabled timers, because the
/// app rejects a repeated period whether or not the existing one is enabled.
/// </summary>
public sealed record BoostTimerSet
{
    public const int MaxTimers = 4;

    private BoostTimerSet(ImmutableArray<BoostTimer> timers) => Timers = timers;

    public static BoostTimerSet Empty { get; } = new([]);

    public ImmutableArray<BoostTimer> Timers { get; }

    public static bool TryCreate(IEnumerable<BoostTimer> timers, out BoostTimerSet set, out string? error)
    {
        ArgumentNullException.ThrowIfNull(timers);
        set = Empty;
        foreach (var timer in timers)
        {
            if (!set.TryAdd(timer, out set, out error))
            {
                set = Empty;
                return false;
            }
        }

        error = null;
        return true;
    }

    public bool TryAdd(BoostTimer timer, out BoostTimerSet set, out string? error)
    {
        ArgumentNullException.ThrowIfNull(timer);
        set = this;
        error = Validate(timer);
        if (error is null && Timers.Length >= MaxTimers)
        {
            error = $"At most {MaxTimers} boost timers can be set; delete one first.";
        }

        if (error is null && Timers.FirstOrDefault(t => Overlaps(t, timer)) is { } clash)
        {
            error = $"Boost timer {timer} overlaps the existing timer {clash}: the timing charging periods are repeated.";
        }

        if (error is not null)
        {
            return false;
        }

        set = new BoostTimerSet(Timers.Add(timer));
        return true;
    }

    public BoostTimerSet Remove(BoostTimer timer) => new(Timers.Remove(timer));

    /// <summary>Is a boost window running at <paramref name="now"/> on the station's wall clock?</summary>
    public bool IsActive(DateTimeOffset now, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var local = TimeZoneInfo.ConvertTime(now, timeZone).DateTime;
        return Timers.Any(t => t.Covers(local));
    }

    /// <summary>Drops once-timers whose window has passed (the app shows them as done).</summary>
    public BoostTimerSet WithoutExpired(DateTimeOffset now, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var local = TimeZoneInfo.ConvertTime(now, timeZone).DateTime;
        var today = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        var kept = Timers.Where(t => t.Repeat == BoostRepeat.EveryDay || t.Date > today || (t.Date == today && time < t.End));
        return new BoostTimerSet([.. kept]);
    }

    private static string? Validate(BoostTimer timer)
    {
        if (timer.Start >= timer.End)
        {
            return $"A boost timer must start before it ends (got {timer.Start:HH\\:mm}–{timer.End:HH\\:mm}).";
        }

        return timer.Repeat == BoostRepeat.Once && timer.Date is null ? "A once-only boost timer needs a date." : null;
    }

    private static bool Overlaps(BoostTimer a, BoostTimer b)
    {
        var sameDays = a.Repeat == BoostRepeat.EveryDay || b.Repeat == BoostRepeat.EveryDay || a.Date == b.Date;
        return sameDays && a.Start < b.End && b.Start < a.End;
    }
}
