namespace Evse.Core.Protection;

/// <summary>How one sample looks to one protection.</summary>
internal enum Judgement
{
    /// <summary>Inside the hysteresis band, or unknown (no meter reading): neither trips nor recovers; both timers restart.</summary>
    Between,

    /// <summary>Past the trip threshold.</summary>
    Trip,

    /// <summary>Past the recovery threshold.</summary>
    Normal,
}
