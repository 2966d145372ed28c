using Evse.Core.Ports.Hardware;

namespace Evse.Core.Indication;

/// <summary>
/// REQUIREMENTS §1: one beep for an accepted card, two beeps 0.5 s apart (start to start) for a rejected one.
/// Each beep lasts 200 ms, short enough that the two rejected beeps are clearly separate.
/// </summary>
public static class BuzzerPolicy
{
    public static TimeSpan BeepLength { get; } = TimeSpan.FromMilliseconds(200);

    public static TimeSpan RejectedGap { get; } = TimeSpan.FromMilliseconds(500);

    public static BuzzerPattern ForAuthorization(bool accepted) => accepted ? BuzzerPattern.Accepted : BuzzerPattern.Rejected;

    /// <summary>The beeps a driver plays for <paramref name="pattern"/>.</summary>
    public static IReadOnlyList<BeepSegment> Timeline(BuzzerPattern pattern) => pattern switch
    {
        BuzzerPattern.Accepted => [new BeepSegment(TimeSpan.Zero, BeepLength)],
        BuzzerPattern.Rejected => [new BeepSegment(TimeSpan.Zero, BeepLength), new BeepSegment(RejectedGap, BeepLength)],
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown buzzer pattern."),
    };
}
