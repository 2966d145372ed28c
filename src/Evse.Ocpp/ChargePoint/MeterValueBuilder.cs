using System.Globalization;
using Evse.Core.Measurements;
using Evse.Core.Station;
using Evse.Ocpp.Messages;

namespace Evse.Ocpp.ChargePoint;

/// <summary>
/// Turns one <see cref="ConnectorMetered"/> reading into the sampled values a measurand list (MeterValuesSampledData,
/// MeterValuesAlignedData, StopTxnSampledData, StopTxnAlignedData) asks for, in the order the list names them.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Energy.Active.Import.Register (Wh), Power.Active.Import (W, all phases together), Power.Offered (W: the
/// offered current times the voltage of each phase present), Current.Offered (A, no phase: the pilot offers the same
/// current on every phase) and the meter values are at location Outlet; Temperature (Celsius) is at location Body:
/// the hottest fitted sensor (relay, input terminal, socket), since that is the one the derating acts on.</item>
/// <item>Current.Import and Voltage (L1-N, L2-N, L3-N) go per phase, for the phases the sample has: a phase is
/// present when its voltage or current is not zero (a single-phase meter leaves L2 and L3 at zero, see
/// <see cref="PhaseValues"/>); L1 is always present.</item>
/// <item>Numbers use the invariant culture with at most three decimals. Unknown measurands are skipped: the
/// configuration catalogue already rejects them, so one only appears if the catalogue grows first.</item>
/// </list>
/// </remarks>
public static class MeterValueBuilder
{
    private static readonly Dictionary<string, Measurand> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Energy.Active.Import.Register"] = Measurand.EnergyActiveImportRegister,
        ["Power.Active.Import"] = Measurand.PowerActiveImport,
        ["Power.Offered"] = Measurand.PowerOffered,
        ["Current.Import"] = Measurand.CurrentImport,
        ["Current.Offered"] = Measurand.CurrentOffered,
        ["Voltage"] = Measurand.Voltage,
        ["Temperature"] = Measurand.Temperature,
    };

    private static readonly Phase[] CurrentPhases = [Phase.L1, Phase.L2, Phase.L3];
    private static readonly Phase[] VoltagePhases = [Phase.L1N, Phase.L2N, Phase.L3N];

    /// <summary>The measurands of <paramref name="names"/> this builder can produce, in order, without duplicates.</summary>
    public static IReadOnlyList<Measurand> Parse(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var result = new List<Measurand>();
        foreach (var name in names)
        {
            if (ByName.TryGetValue(name.Trim(), out var measurand) && !result.Contains(measurand))
            {
                result.Add(measurand);
            }
        }

        return result;
    }

    /// <summary>One meter value at <paramref name="timestamp"/>, or null when <paramref name="measurands"/> selects nothing.</summary>
    /// <param name="energyWhOverride">The register to report instead of the sample's (the session's meterStop at Transaction.End).</param>
    public static MeterValue? Build(
        ConnectorMetered metered,
        IReadOnlyList<Measurand> measurands,
        ReadingContext context,
        DateTimeOffset timestamp,
        double? energyWhOverride = null)
    {
        ArgumentNullException.ThrowIfNull(metered);
        ArgumentNullException.ThrowIfNull(measurands);
        var values = new List<SampledValue>();
        foreach (var measurand in measurands)
        {
            Add(values, metered, measurand, context, energyWhOverride);
        }

        return values.Count == 0 ? null : new MeterValue { Timestamp = timestamp, SampledValue = values };
    }

    /// <summary>A meter value with only the energy register: Transaction.End when no reading of the session is left.</summary>
    public static MeterValue? EnergyOnly(double energyWh, IReadOnlyList<Measurand> measurands, ReadingContext context, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(measurands);
        return measurands.Contains(Measurand.EnergyActiveImportRegister)
            ? new MeterValue { Timestamp = timestamp, SampledValue = [Value(Math.Round(energyWh), Measurand.EnergyActiveImportRegister, UnitOfMeasure.Wh, context)] }
            : null;
    }

    /// <summary>The phases (1 to 3) that <paramref name="sample"/> really measured.</summary>
    public static IEnumerable<int> PresentPhases(MeterSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        yield return 1;
        for (var phase = 2; phase <= 3; phase++)
        {
            if (sample.VoltageVolts[phase] != 0 || sample.CurrentAmps[phase] != 0)
            {
                yield return phase;
            }
        }
    }

    private static void Add(List<SampledValue> values, ConnectorMetered metered, Measurand measurand, ReadingContext context, double? energyWhOverride)
    {
        var sample = metered.Sample;
        switch (measurand)
        {
            case Measurand.EnergyActiveImportRegister:
                // Whole Wh, rounded as meterStart and meterStop are (integers in the schema): a strict Central System
                // compares them, and a register of 143.1 Wh followed by meterStop 143 reads as energy going backwards.
                values.Add(Value(Math.Round(energyWhOverride ?? sample.EnergyWh), measurand, UnitOfMeasure.Wh, context));
                break;
            case Measurand.PowerActiveImport:
                values.Add(Value(sample.TotalPowerWatts, measurand, UnitOfMeasure.W, context));
                break;
            case Measurand.PowerOffered:
                var volts = PresentPhases(sample).Sum(p => sample.VoltageVolts[p]);
                values.Add(Value(metered.OfferedAmps * volts, measurand, UnitOfMeasure.W, context));
                break;
            case Measurand.CurrentOffered:
                values.Add(Value(metered.OfferedAmps, measurand, UnitOfMeasure.A, context));
                break;
            case Measurand.CurrentImport:
                foreach (var phase in PresentPhases(sample))
                {
                    values.Add(Value(sample.CurrentAmps[phase], measurand, UnitOfMeasure.A, context, CurrentPhases[phase - 1]));
                }

                break;
            case Measurand.Voltage:
                foreach (var phase in PresentPhases(sample))
                {
                    values.Add(Value(sample.VoltageVolts[phase], measurand, UnitOfMeasure.V, context, VoltagePhases[phase - 1]));
                }

                break;
            case Measurand.Temperature:
                if (Hottest(metered.Temperatures) is { } celsius)
                {
                    values.Add(Value(celsius, measurand, UnitOfMeasure.Celsius, context) with { Location = Location.Body });
                }

                break;
            default:
                break;
        }
    }

    private static double? Hottest(TemperatureReadings readings)
    {
        double? hottest = null;
        foreach (var celsius in (ReadOnlySpan<double>)[readings.RelayCelsius, readings.InputTerminalCelsius, readings.SocketCelsius])
        {
            if (!double.IsNaN(celsius) && (hottest is null || celsius > hottest))
            {
                hottest = celsius;
            }
        }

        return hottest;
    }

    private static SampledValue Value(double value, Measurand measurand, UnitOfMeasure unit, ReadingContext context, Phase? phase = null) => new()
    {
        Value = value.ToString("0.###", CultureInfo.InvariantCulture),
        Context = context,
        Measurand = measurand,
        Phase = phase,
        Location = Location.Outlet,
        Unit = unit,
    };
}
