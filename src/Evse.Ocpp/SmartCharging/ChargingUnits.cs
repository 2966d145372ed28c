using Evse.Ocpp.Messages;

namespace Evse.Ocpp.SmartCharging;

/// <summary>W ↔ A at the nominal voltage: amps per phase = watts / (volts × phases in use).</summary>
public static class ChargingUnits
{
    /// <summary>
    /// The phases a period's power is spread over: the period's numberPhases when given, else every phase of the
    /// station, never more than the station has (a 1-phase station cannot spread 11 kW over three phases).
    /// </summary>
    public static int EffectivePhases(int? numberPhases, SmartChargingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var station = Math.Max(1, options.PhaseCount);
        return numberPhases is { } n and > 0 ? Math.Min(n, station) : station;
    }

    /// <summary><paramref name="limit"/> in A per phase.</summary>
    public static decimal ToAmps(decimal limit, ChargingRateUnit unit, int? numberPhases, SmartChargingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return unit == ChargingRateUnit.A ? limit : limit / (options.NominalVoltageVolts * EffectivePhases(numberPhases, options));
    }
}
