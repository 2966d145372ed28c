using System.Globalization;

namespace Evse.Core.Protection;

/// <summary>
/// The residual-current monitor self test policy. The test runs at boot and before every contactor
/// close (the state machine asks with <c>RunSelfTest</c>); a pass is good for that one close.
/// </summary>
/// <remarks>
/// A failed test means the monitor cannot be trusted to trip, so the contactor stays open. One failure
/// can be a disturbance (a vehicle's own leakage during the test, a supply dip), so the test is repeated
/// <see cref="RetryDelay"/> later, up to <see cref="MaxAttempts"/> consecutive attempts. The third
/// consecutive failure raises <see cref="FaultCode.SelfTestFailed"/>, which <see cref="FaultCatalog"/>
/// makes hard: only a person (portal acknowledge) or a reboot clears it. Any pass resets the count.
/// Self-test failures do not use up the residual-current trip retries, and a trip is not a failed test.
/// </remarks>
public static class SelfTestPolicy
{
    public const int MaxAttempts = 3;

    public static TimeSpan RetryDelay { get; } = TimeSpan.FromSeconds(10);

    public static SelfTestVerdict Decide(ProtectionState state, bool passed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsActive(FaultCode.SelfTestFailed))
        {
            // Given up already: a later pass does not clear a hard fault; a person must.
            return new SelfTestVerdict(state, false, null, null);
        }

        if (passed)
        {
            return new SelfTestVerdict(state with { SelfTestFailures = 0 }, true, null, null);
        }

        var failures = state.SelfTestFailures + 1;
        if (failures < MaxAttempts)
        {
            return new SelfTestVerdict(state with { SelfTestFailures = failures }, false, now + RetryDelay, null);
        }

        var notice = new FaultNotice(
            FaultCode.SelfTestFailed,
            string.Create(CultureInfo.InvariantCulture, $"self test failed {failures} times in a row"),
            Latched: true);
        var tracker = FaultTracker.Idle(FaultCode.SelfTestFailed) with { Active = true, Latched = true, ActiveSince = now };
        var next = state with { SelfTestFailures = failures, Trackers = state.Trackers.SetItem(FaultCode.SelfTestFailed, tracker) };
        return new SelfTestVerdict(next, false, null, notice);
    }
}
