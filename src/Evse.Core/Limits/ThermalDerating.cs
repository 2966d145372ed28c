using System.Globalization;
using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Protection;

namespace Evse.Core.Limits;

/// <summary>
/// Reduces the current before the over-temperature protections trip. For each sensor with trip level T
/// (relay 125 °C, input terminal and socket 115 °C, from <see cref="ProtectionSettings"/>):
/// full current up to T − 25 °C; from there a straight line down to 50 % of the rated current at T − 5 °C;
/// from T − 5 °C to T the minimum 6 A; above T nothing (the protection trips there anyway).
/// </summary>
/// <remarks>
/// Contact heating goes with the square of the current, so half the current is a quarter of the heat:
/// that is usually enough to stop the climb well before the trip. The 20 °C cool-down hysteresis of the
/// protection ends at T − 20 °C, inside the derating ramp, so a contact that tripped resumes at a reduced
/// current instead of at full current. A sensor that is not fitted (NaN) does not derate.
/// </remarks>
public static class ThermalDerating
{
    public const double StartBelowTripCelsius = 25;
    public const double FloorBelowTripCelsius = 5;
    public const double FloorFraction = 0.5;

    /// <summary>The derated limit for <paramref name="ratedAmps"/>, or null when no sensor is warm enough to derate.</summary>
    public static LimitContributor? Limit(TemperatureReadings temperatures, double ratedAmps, ProtectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        LimitContributor? worst = null;
        foreach (var (celsius, trip, name) in new[]
                 {
                     (temperatures.RelayCelsius, settings.RelayTripCelsius, "relay"),
                     (temperatures.InputTerminalCelsius, settings.InputTerminalTripCelsius, "input terminal"),
                     (temperatures.SocketCelsius, settings.SocketTripCelsius, "socket"),
                 })
        {
            if (double.IsNaN(celsius))
            {
                continue;
            }

            var amps = AmpsFor(celsius, trip, ratedAmps);
            if (amps < ratedAmps && (worst is null || amps < worst.Amps))
            {
                worst = new LimitContributor(
                    LimitSource.ThermalDerating,
                    amps,
                    string.Create(CultureInfo.InvariantCulture, $"{name} {celsius:0.#} °C, trips at {trip:0} °C"));
            }
        }

        return worst;
    }

    /// <summary>The curve itself for one sensor.</summary>
    public static double AmpsFor(double celsius, double tripCelsius, double ratedAmps)
    {
        var start = tripCelsius - StartBelowTripCelsius;
        var floor = tripCelsius - FloorBelowTripCelsius;
        if (celsius <= start)
        {
            return ratedAmps;
        }

        if (celsius > tripCelsius)
        {
            return 0;
        }

        if (celsius > floor)
        {
            return Math.Min(ratedAmps, PilotDuty.MinimumAmps);
        }

        var fraction = 1 - ((1 - FloorFraction) * (celsius - start) / (floor - start));
        return Math.Max(ratedAmps * fraction, Math.Min(ratedAmps, PilotDuty.MinimumAmps));
    }
}
