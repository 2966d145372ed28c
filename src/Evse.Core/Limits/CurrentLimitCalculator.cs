using System.Globalization;
using Evse.Core.Pilot;
using Evse.Core.Protection;

namespace Evse.Core.Limits;

/// <summary>
/// The offered current (REQUIREMENTS §4): the minimum of every contributor present, with a trace.
/// Pure: the control loop calls <see cref="Calculate"/> whenever an input changes (at least with every
/// meter sample, for the thermal derating) and sends <c>LimitChanged(result.LimitAmps)</c> when it differs.
/// </summary>
public static class CurrentLimitCalculator
{
    public static CurrentLimitResult Calculate(CurrentLimitInputs inputs, ProtectionSettings protection)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(protection);
        var trace = new List<LimitContributor>(10)
        {
            new(LimitSource.PilotMaximum, PilotDuty.MaximumAmps, "IEC 61851-1 duty cycle range"),
        };

        if (inputs.DipSwitch is { } dip)
        {
            trace.Add(DipSwitchTable.TryGetAmps(dip, out var dipAmps)
                ? new LimitContributor(LimitSource.DipSwitch, dipAmps, $"DIP {dip}")
                : new LimitContributor(LimitSource.DipSwitch, 0, "DIP all OFF: factory reset position, set a current"));
        }

        if (inputs.FirmwareSettingAmps is { } fw)
        {
            trace.Add(new LimitContributor(LimitSource.FirmwareSetting, Math.Max(0, fw), "Max Amperage FW Setting"));
        }

        if (inputs.ProximityOhms is { } ohms)
        {
            trace.Add(ProximityPilotTable.TryGetCableAmps(ohms, out var cableAmps)
                ? new LimitContributor(LimitSource.Cable, cableAmps, string.Create(CultureInfo.InvariantCulture, $"PP {ohms:0} Ω"))
                : new LimitContributor(LimitSource.Cable, 0, string.Create(CultureInfo.InvariantCulture, $"PP {ohms:0} Ω out of range")));
        }

        if (inputs.ConnectorRatingAmps is { } rating)
        {
            trace.Add(new LimitContributor(LimitSource.ConnectorRating, Math.Max(0, rating), "Max Amperage Connector"));
        }

        // Derating scales the installation's own rating, not a momentary grant from outside.
        var ratedAmps = trace.Min(c => c.Amps);
        if (ThermalDerating.Limit(inputs.Temperatures, ratedAmps, protection) is { } derating)
        {
            trace.Add(derating);
        }

        foreach (var external in new[] { inputs.LoadManagement, inputs.PowerManagement, inputs.SmartCharging, inputs.Schedule, inputs.ChargeMode, inputs.Authorization })
        {
            if (external is not null)
            {
                trace.Add(external with { Amps = double.IsNaN(external.Amps) ? 0 : Math.Max(0, external.Amps) });
            }
        }

        var binding = trace.MinBy(c => c.Amps)!;
        var paused = !PilotDuty.TryOfferable(binding.Amps, out var offered);
        return new CurrentLimitResult(paused ? 0 : offered, paused, binding, trace);
    }
}
