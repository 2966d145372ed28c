namespace Evse.Core.Protection;

/// <summary>The outcome of one protection step.</summary>
/// <param name="State">The state to feed into the next step.</param>
/// <param name="Raised">Faults raised in this step: open the contactor first, then record them.</param>
/// <param name="Cleared">Faults that recovered in this step: close their fault records.</param>
/// <param name="WarningsRaised">Station warnings that began (log them).</param>
/// <param name="WarningsCleared">Station warnings that ended.</param>
/// <param name="NextDeadline">The earliest time at which a hold or recovery timer ends if the inputs stay as they are; null when none runs.</param>
public sealed record ProtectionResult(
    ProtectionState State,
    IReadOnlyList<FaultNotice> Raised,
    IReadOnlyList<FaultCode> Cleared,
    IReadOnlyList<ProtectionWarning> WarningsRaised,
    IReadOnlyList<ProtectionWarning> WarningsCleared,
    DateTimeOffset? NextDeadline)
{
    public bool Changed => Raised.Count + Cleared.Count + WarningsRaised.Count + WarningsCleared.Count > 0;
}
