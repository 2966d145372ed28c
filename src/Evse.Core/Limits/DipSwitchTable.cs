using Evse.Core.Ports.Hardware;

namespace Evse.Core.Limits;

/// <summary>
/// The DIP switch table of REQUIREMENTS §1 and seed 001 Table 7 (SW1 SW2 SW3, ON = true):
/// OFF OFF ON 12 A, OFF ON OFF 16 A, OFF ON ON 24 A, ON OFF OFF 32 A, ON OFF ON 40 A, ON ON OFF 50 A,
/// ON ON ON 48 A. All OFF is the "Reset Factory Default" position: read at boot it asks for a factory
/// reset, and it rates the unit for nothing, so the station offers no current until the installer sets it.
/// </summary>
public static class DipSwitchTable
{
    /// <summary>The hardware rating of a switch position; false for all OFF.</summary>
    public static bool TryGetAmps(DipSwitchPositions positions, out double amps)
    {
        amps = (positions.Sw1, positions.Sw2, positions.Sw3) switch
        {
            (false, false, true) => 12,
            (false, true, false) => 16,
            (false, true, true) => 24,
            (true, false, false) => 32,
            (true, false, true) => 40,
            (true, true, false) => 50,
            (true, true, true) => 48,
            _ => 0,
        };
        return amps > 0;
    }

    /// <summary>True for the all-OFF position, which at boot resets every setting to the factory default.</summary>
    public static bool IsFactoryResetRequest(DipSwitchPositions positions) => !positions.Sw1 && !positions.Sw2 && !positions.Sw3;
}
