namespace Evse.Core.Tests.Safety;

/// <summary>
/// The safety model's view of one protection row of REQUIREMENTS §3, written from the requirement's numbers and
/// not from <c>ProtectionMonitor</c>: unsafe once <see cref="Trip"/> has held for <see cref="Hold"/>; back to safe
/// once <see cref="Normal"/> has held for <see cref="NormalHold"/> and <see cref="MinimumActive"/> has passed since
/// the onset. Neither-trip-nor-normal (a hysteresis band, a silent meter) restarts the hold and keeps a trip.
/// </summary>
internal sealed class HeldCondition(
    string name,
    Func<RigWorld, bool, double, bool> trip,
    Func<RigWorld, bool, double, bool> normal,
    TimeSpan hold,
    TimeSpan normalHold,
    TimeSpan minimumActive)
{
    public string Name => name;

    public TimeSpan Hold => hold;

    public DateTimeOffset? PendingSince { get; private set; }

    /// <summary>The moment the condition became unsafe (raw onset + hold), while it is.</summary>
    public DateTimeOffset? Onset { get; private set; }

    private DateTimeOffset? _normalSince;

    public void Reset()
    {
        PendingSince = null;
        Onset = null;
        _normalSince = null;
    }

    /// <summary>
    /// Brings the condition up to <paramref name="now"/> with the inputs that have stood since the last call. The board
    /// samples at 10 Hz and measures a hold from the first sample that sees the condition
    /// (<paramref name="nextSampleAfter"/>), so a condition counts once it has lasted its hold from that sample; it is
    /// then unsafe from its raw start + hold, and the contactor must be open 100 ms after that.
    /// </summary>
    public void Observe(RigWorld world, bool contactorClosed, double offeredAmps, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset> nextSampleAfter)
    {
        // The inputs that stood since the last call were tripping from PendingSince until now.
        if (Onset is null && PendingSince is { } pending && now >= nextSampleAfter(pending) + hold)
        {
            Onset = pending + hold;
            _normalSince = null;
        }

        var tripping = trip(world, contactorClosed, offeredAmps);
        var normalNow = normal(world, contactorClosed, offeredAmps);
        if (Onset is { } onset)
        {
            _normalSince = normalNow ? _normalSince ?? now : null;
            if (_normalSince is { } since && now - since >= normalHold && now - onset >= minimumActive)
            {
                Reset();
            }
            else
            {
                return;
            }
        }

        PendingSince = tripping ? PendingSince ?? now : null;
    }
}
