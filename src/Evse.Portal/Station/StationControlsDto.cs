using Evse.Core.Station;

namespace Evse.Portal.Station;

/// <summary>The run-time controls: station lock, and Boost (meaningful under ECO/ECO+ only).</summary>
public sealed record StationControlsDto(bool StationLocked, bool BoostOn, bool BoostApplies)
{
    public static StationControlsDto From(IStationControls controls)
    {
        ArgumentNullException.ThrowIfNull(controls);
        return new StationControlsDto(controls.StationLocked, controls.BoostOn, controls.BoostApplies);
    }
}
