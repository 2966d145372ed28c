namespace Evse.Core.Protection;

/// <summary>What a residual-current self test result means.</summary>
/// <param name="State">The protection state with the failure count updated (and <see cref="FaultCode.SelfTestFailed"/> raised when <see cref="Raised"/> is set).</param>
/// <param name="Passed">The contactor may close (for this close only).</param>
/// <param name="RetryAt">When not passed and not given up: run the test again at this time, contactor kept open.</param>
/// <param name="Raised">The hard fault to raise when the policy gives up, else null.</param>
public sealed record SelfTestVerdict(ProtectionState State, bool Passed, DateTimeOffset? RetryAt, FaultNotice? Raised);
