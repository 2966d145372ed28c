using Evse.Core.Charging;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Indication;

/// <summary>
/// The status LED of seed 000 Table 14 / seed 001 Table 20, in priority order: yellow flashing while booting
/// or upgrading; red steady for a fault only a person clears (catalog-hard, out of restarts, RCD at start);
/// red flashing for a recoverable fault; yellow steady Unavailable; pink Reserved; blue slow flash Charging;
/// green fast flash authorized and waiting for the vehicle; green slow flash suspended or finishing (the bay
/// is occupied); green steady ready (Available, or Preparing with a vehicle plugged and no card yet).
/// Degraded-mode faults that neither stop charging nor fault the connector (card reader offline, grid meter
/// silent) do not turn the LED red: the station still charges.
/// </summary>
public static class LedPolicy
{
    /// <summary>Most important first: with one LED for several connectors, the first one present wins.</summary>
    private static readonly LedPattern[] Priority =
    [
        LedPattern.YellowFlashing,
        LedPattern.RedSteady,
        LedPattern.RedFlashing,
        LedPattern.BlueSlowFlash,
        LedPattern.GreenFastFlash,
        LedPattern.GreenSlowFlash,
        LedPattern.PinkSteady,
        LedPattern.YellowSteady,
        LedPattern.GreenSteady,
        LedPattern.Off,
    ];

    public static LedPattern For(IndicationInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Booting || inputs.Upgrading)
        {
            return LedPattern.YellowFlashing;
        }

        var faults = inputs.ActiveFaults.Where(Shows).ToList();
        if (faults.Any(f => FaultCatalog.Describe(f).Hard || inputs.LatchedFaults.Contains(f)))
        {
            return LedPattern.RedSteady;
        }

        if (faults.Count > 0 || inputs.Status == ChargePointStatus.Faulted)
        {
            return LedPattern.RedFlashing;
        }

        return inputs.Status switch
        {
            ChargePointStatus.Unavailable => LedPattern.YellowSteady,
            ChargePointStatus.Reserved => LedPattern.PinkSteady,
            ChargePointStatus.Charging => LedPattern.BlueSlowFlash,
            ChargePointStatus.SuspendedEV or ChargePointStatus.SuspendedEVSE or ChargePointStatus.Finishing => LedPattern.GreenSlowFlash,
            _ when inputs.AuthorizedWaitingForVehicle => LedPattern.GreenFastFlash,
            _ => LedPattern.GreenSteady,
        };
    }

    /// <summary>
    /// The station's one LED: the most important connector's pattern, except that a station whose every connector is
    /// Unavailable (ChangeAvailability Inoperative on connector 0, or each made so) is Out of Service and flashes yellow
    /// (seed 000 Table 14, seed 001 Table 20: "Yellow Flashing = Booting / Firmware Upgrading / Out of Service"). One
    /// Unavailable connector beside a working one stays yellow steady ("Device Unavailable"): the station still charges.
    /// A fault still shows red: an out-of-service station that also has a fault needs a person for the fault.
    /// </summary>
    public static LedPattern ForStation(IReadOnlyCollection<IndicationInputs> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        var combined = Combine(connectors.Select(For));
        return combined == LedPattern.YellowSteady && IsOutOfService(connectors) ? LedPattern.YellowFlashing : combined;
    }

    /// <summary>Every connector is Unavailable: nothing on this station can charge.</summary>
    public static bool IsOutOfService(IReadOnlyCollection<IndicationInputs> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        return connectors.Count > 0 && connectors.All(c => c.Status == ChargePointStatus.Unavailable);
    }

    /// <summary>One LED for several connectors: the most important pattern.</summary>
    public static LedPattern Combine(IEnumerable<LedPattern> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var present = patterns.ToHashSet();
        return Priority.FirstOrDefault(present.Contains, LedPattern.Off);
    }

    private static bool Shows(FaultCode code)
    {
        var d = FaultCatalog.Describe(code);
        return d.StopsCharging || d.MakesConnectorFaulted;
    }
}
