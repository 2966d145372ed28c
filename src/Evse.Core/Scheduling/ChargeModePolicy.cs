using System.Globalization;
using Evse.Core.Limits;
using Evse.Core.Pilot;

namespace Evse.Core.Scheduling;

/// <summary>
/// FAST / ECO / ECO+ with Boost (seed 004 §11–12, REQUIREMENTS §6) as a current-limit contributor.
/// Surplus = own charging − grid import (what would be exported if we stopped charging).
/// FAST: no limit from the mode (the grid headroom is the power-management contributor's job).
/// ECO: max(surplus, 6 A) — it keeps charging at the minimum when the sun is short.
/// ECO+: surplus + ECO+ current; below 6 A the result pauses.
/// Without a fresh grid reading ECO and ECO+ fall back to the 6 A minimum (safe, and the
/// "Metering Communication Failure" fault says why).
/// </summary>
public static class ChargeModePolicy
{
    public const double MaxEcoPlusGridAmps = 5;

    public static LimitContributor? Limit(ChargeModeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Mode == ChargeMode.Fast)
        {
            return null;
        }

        if (inputs.BoostPressed || inputs.BoostTimerActive)
        {
            return null;
        }

        if (inputs.GridImportAmps is not { } import)
        {
            return new LimitContributor(LimitSource.ChargeMode, PilotDuty.MinimumAmps, $"{inputs.Mode}: no grid meter data, minimum current");
        }

        var surplus = inputs.OwnChargingAmps - import;
        if (inputs.Mode == ChargeMode.Eco)
        {
            var amps = Math.Max(surplus, PilotDuty.MinimumAmps);
            return new LimitContributor(LimitSource.ChargeMode, amps, string.Create(CultureInfo.InvariantCulture, $"ECO: solar surplus {surplus:0.#} A, at least 6 A"));
        }

        var grid = Math.Clamp(inputs.EcoPlusGridAmps, 0, MaxEcoPlusGridAmps);
        return new LimitContributor(
            LimitSource.ChargeMode,
            Math.Max(0, surplus + grid),
            string.Create(CultureInfo.InvariantCulture, $"ECO+: solar surplus {surplus:0.#} A + {grid:0.#} A from the grid"));
    }
}
