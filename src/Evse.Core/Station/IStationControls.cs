namespace Evse.Core.Station;

/// <summary>
/// What a driver or an installer can change while the station runs (seed 004 §8.5.1 items 3 and 5, §9): the station
/// lock and the Boost button. The portal and OCPP call it; the Host persists what must survive a restart.
/// </summary>
public interface IStationControls
{
    /// <summary>Seed 004 "State Locking": no new session starts; a running one charges to its end.</summary>
    bool StationLocked { get; }

    /// <summary>The Boost button is on: ECO/ECO+ charge as FAST until it is pressed again.</summary>
    bool BoostOn { get; }

    /// <summary>Boost means something only under ECO/ECO+ (seed 004 item 5); false under FAST.</summary>
    bool BoostApplies { get; }

    /// <summary>Locks or unlocks the station and stores the choice so it holds after a restart.</summary>
    void SetStationLocked(bool locked);

    /// <summary>Turns Boost on or off; false with a reason when the charge mode has no use for it (FAST).</summary>
    bool TrySetBoost(bool on, out string? error);
}
