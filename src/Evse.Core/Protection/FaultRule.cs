namespace Evse.Core.Protection;

/// <summary>How one fault code trips and recovers.</summary>
/// <param name="Code">The fault.</param>
/// <param name="RaiseHold">How long the trip condition must hold.</param>
/// <param name="NormalHold">How long the condition must be normal before it recovers.</param>
/// <param name="MinimumActive">The shortest time the fault stays active (RCD retry 15 min, plug out 10 s).</param>
/// <param name="CountsRestarts">Recoveries are counted and limited to <see cref="ProtectionSettings.MaxAutoRestarts"/> per plug-in.</param>
/// <param name="UnplugClearsLatch">A latched fault of this code is released by unplugging (seed 004: "plug out, re-plug in").</param>
internal sealed record FaultRule(
    FaultCode Code,
    TimeSpan RaiseHold,
    TimeSpan NormalHold,
    TimeSpan MinimumActive,
    bool CountsRestarts,
    bool UnplugClearsLatch);
