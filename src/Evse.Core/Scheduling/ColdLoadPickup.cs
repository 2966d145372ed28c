using Evse.Core.Limits;

namespace Evse.Core.Scheduling;

/// <summary>
/// Cold-load pickup (seeds 000/001 "Cold Load Pickup", REQUIREMENTS §2): after a power failure wait a random
/// delay in [120 s, Cold Load Pickup Max Delay] (default 720 s) before offering power, so that many chargers
/// on one feeder do not all switch on at once. Whole seconds, uniform; a Max Delay under 120 s is taken as 120 s.
/// Only a <see cref="BootCause.PowerFailure"/> delays: a planned or process restart did not drop the feeder.
/// </summary>
public static class ColdLoadPickup
{
    public static TimeSpan MinimumDelay { get; } = TimeSpan.FromSeconds(120);

    public static TimeSpan DefaultMaxDelay { get; } = TimeSpan.FromSeconds(720);

    /// <summary>The moment before which no power is offered, or null when none applies.</summary>
    public static DateTimeOffset? HoldUntil(BootCause cause, DateTimeOffset bootedAt, TimeSpan maxDelay, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return cause == BootCause.PowerFailure ? bootedAt + DrawDelay(maxDelay, random) : null;
    }

    public static TimeSpan DrawDelay(TimeSpan maxDelay, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var min = (int)MinimumDelay.TotalSeconds;
        var max = Math.Max(min, (int)Math.Floor(maxDelay.TotalSeconds));
#pragma warning disable CA5394 // Spreading restarts over a feeder needs no cryptographic randomness.
        return TimeSpan.FromSeconds(random.Next(min, max + 1));
#pragma warning restore CA5394
    }

    /// <summary>The schedule contributor while the hold lasts (0 A, so the limit pauses), else null.</summary>
    public static LimitContributor? Limit(DateTimeOffset? holdUntil, DateTimeOffset now) =>
        holdUntil is { } until && now < until
            ? new LimitContributor(LimitSource.Schedule, 0, $"cold-load pickup after power failure until {until:HH:mm:ss}Z")
            : null;
}
