namespace Evse.Core.Pilot;

/// <summary>
/// Duty cycle ↔ current of IEC 61851-1 Annex A / SAE J1772 (REQUIREMENTS §1):
/// 6–51 A: D% = A / 0.6; 51–80 A: D% = A / 2.5 + 64.
/// </summary>
public static class PilotDuty
{
    public const double MinimumAmps = 6.0;
    public const double MaximumAmps = 80.0;
    private const double BreakAmps = 51.0;
    private const double HighRangeMinAmps = 52.5;

    /// <summary>The duty cycle that offers <paramref name="amps"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 6–80 A: below 6 A power is withdrawn, never offered.</exception>
    public static double DutyPercentFor(double amps)
    {
        if (double.IsNaN(amps) || amps < MinimumAmps || amps > MaximumAmps)
        {
            throw new ArgumentOutOfRangeException(nameof(amps), amps, "The pilot can offer 6 A to 80 A; below 6 A pause instead.");
        }

        // The high formula only covers duties above 85 % (above 52.5 A); from 51 to 52.5 A offer 51 A,
        // which is the safe side: the EV may draw less than asked, never more.
        return amps switch
        {
            <= BreakAmps => amps / 0.6,
            <= HighRangeMinAmps => BreakAmps / 0.6,
            _ => (amps / 2.5) + 64.0,
        };
    }

    /// <summary>The current a duty cycle offers, or 0 where the duty cycle offers no current.</summary>
    public static double AmpsFor(double dutyPercent) => dutyPercent switch
    {
        >= 10 and <= 85 => dutyPercent * 0.6,
        > 85 and <= 96 => (dutyPercent - 64.0) * 2.5,
        _ => 0,
    };

    /// <summary>Clamps a wanted current to what the pilot can offer; below 6 A there is nothing to offer.</summary>
    public static bool TryOfferable(double wantedAmps, out double offeredAmps)
    {
        if (double.IsNaN(wantedAmps) || wantedAmps < MinimumAmps)
        {
            offeredAmps = 0;
            return false;
        }

        offeredAmps = Math.Min(wantedAmps, MaximumAmps);
        return true;
    }
}
