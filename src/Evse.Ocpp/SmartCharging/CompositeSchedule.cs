using Evse.Ocpp.Messages;

namespace Evse.Ocpp.SmartCharging;

/// <summary>The result of <see cref="CompositeScheduleCalculator"/>: contiguous periods covering [Start, Start + Duration).</summary>
/// <param name="Start">The window start.</param>
/// <param name="Duration">The window length.</param>
/// <param name="Periods">At least one period, the first starting at <paramref name="Start"/>; neighbours always differ.</param>
public sealed record CompositeSchedule(DateTimeOffset Start, TimeSpan Duration, IReadOnlyList<CompositePeriod> Periods)
{
    public DateTimeOffset End => Start + Duration;

    /// <summary>The period in force at <paramref name="at"/> (the first one before the window, the last one after it).</summary>
    public CompositePeriod PeriodAt(DateTimeOffset at)
    {
        var found = Periods[0];
        foreach (var period in Periods)
        {
            if (period.Start > at)
            {
                break;
            }

            found = period;
        }

        return found;
    }

    /// <summary>When the period in force at <paramref name="at"/> ends, or null when it lasts to the window's end.</summary>
    public DateTimeOffset? NextBoundaryAfter(DateTimeOffset at)
    {
        foreach (var period in Periods)
        {
            if (period.Start > at)
            {
                return period.Start;
            }
        }

        return null;
    }

    /// <summary>
    /// The schedule as GetCompositeSchedule.conf carries it, in <paramref name="unit"/>. Where no profile applies the
    /// station maximum stands in (OCPP has no "no limit"); limits are rounded down to 0.1 as the schema requires, so a
    /// reported value never exceeds the real one. Offsets are whole seconds from <see cref="Start"/>.
    /// </summary>
    public ChargingSchedule ToChargingSchedule(ChargingRateUnit unit, SmartChargingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var periods = new List<ChargingSchedulePeriod>();
        foreach (var period in Periods)
        {
            var offsetSeconds = (int)Math.Ceiling((period.Start - Start).TotalSeconds);
            var amps = period.LimitAmps ?? options.MaximumCurrentAmps;
            var limit = unit == ChargingRateUnit.A ? amps : amps * options.NominalVoltageVolts * ChargingUnits.EffectivePhases(period.NumberPhases, options);
            var item = new ChargingSchedulePeriod { StartPeriod = offsetSeconds, Limit = Math.Floor(limit * 10m) / 10m, NumberPhases = period.NumberPhases };
            if (periods.Count > 0 && periods[^1].Limit == item.Limit && periods[^1].NumberPhases == item.NumberPhases)
            {
                // Another profile takes over at the same value: nothing changes on the wire.
                continue;
            }

            if (periods.Count > 0 && periods[^1].StartPeriod == offsetSeconds)
            {
                // Two boundaries within one second: the later one is what holds from that second on.
                periods[^1] = item;
            }
            else
            {
                periods.Add(item);
            }
        }

        return new ChargingSchedule
        {
            Duration = (int)Math.Ceiling(Duration.TotalSeconds),
            StartSchedule = Start,
            ChargingRateUnit = unit,
            ChargingSchedulePeriod = periods,
        };
    }
}
