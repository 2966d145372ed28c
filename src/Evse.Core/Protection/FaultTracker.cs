namespace Evse.Core.Protection;

/// <summary>The protection's memory of one fault code.</summary>
/// <param name="Code">The fault.</param>
/// <param name="Active">Raised and not yet cleared.</param>
/// <param name="Latched">Active and waiting for a person (or a re-plug where the rule allows it).</param>
/// <param name="ActiveSince">When it was raised.</param>
/// <param name="PendingSince">While inactive: since when the trip condition has held.</param>
/// <param name="NormalSince">While active: since when the condition has been normal.</param>
/// <param name="RestartsUsed">Automatic recoveries used since the last unplug.</param>
public sealed record FaultTracker(
    FaultCode Code,
    bool Active,
    bool Latched,
    DateTimeOffset? ActiveSince,
    DateTimeOffset? PendingSince,
    DateTimeOffset? NormalSince,
    int RestartsUsed)
{
    public static FaultTracker Idle(FaultCode code) => new(code, false, false, null, null, null, 0);
}
