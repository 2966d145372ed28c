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
    /// reported value never exceeds the real one. Offsets are whole seconds from <see cref="Start"/>: a second in which
    /// the limit changes (a boundary on a fractional instant, e.g. a Relative profile anchored at a transaction that
    /// started at 08:45:12.3) carries the lowest limit in force at any moment of it, so a lower limit is reported from
    /// the second it begins in and a higher one from the next whole second: the report never exceeds the composite.
    /// </summary>
    public ChargingSchedule ToChargingSchedule(ChargingRateUnit unit, SmartChargingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var wire = Periods.Select(p => ToWire(p, unit, options)).ToList();
        var durationSeconds = (long)Math.Ceiling(Duration.TotalSeconds);
        var periods = new List<ChargingSchedulePeriod>();
        var first = 0;
        foreach (var second in SecondsWhereTheLimitMayChange(durationSeconds))
        {
            var slotStart = second * TimeSpan.TicksPerSecond;
            var slotEnd = slotStart + TimeSpan.TicksPerSecond;
            while (first + 1 < Periods.Count && OffsetTicks(first + 1) <= slotStart)
            {
                first++;
            }

            // Every period in force during [second, second + 1): the one at its start and any that begin inside it.
            var item = wire[first];
            for (var i = first + 1; i < Periods.Count && OffsetTicks(i) < slotEnd; i++)
            {
                if (wire[i].Limit <= item.Limit)
                {
                    item = wire[i];
                }
            }

            item = new ChargingSchedulePeriod { StartPeriod = (int)second, Limit = item.Limit, NumberPhases = item.NumberPhases };
            if (periods.Count > 0 && periods[^1].Limit == item.Limit && periods[^1].NumberPhases == item.NumberPhases)
            {
                // Another profile takes over at the same value: nothing changes on the wire.
                continue;
            }

            periods.Add(item);
        }

        return new ChargingSchedule
        {
            Duration = (int)durationSeconds,
            StartSchedule = Start,
            ChargingRateUnit = unit,
            ChargingSchedulePeriod = periods,
        };
    }

    private long OffsetTicks(int index) => (Periods[index].Start - Start).Ticks;

    /// <summary>The whole seconds a period starts in or after, ascending and distinct, inside the window.</summary>
    private SortedSet<long> SecondsWhereTheLimitMayChange(long durationSeconds)
    {
        var seconds = new SortedSet<long> { 0 };
        for (var i = 1; i < Periods.Count; i++)
        {
            var ticks = OffsetTicks(i);
            var floor = ticks / TimeSpan.TicksPerSecond;
            foreach (var second in (ReadOnlySpan<long>)[floor, floor + (ticks % TimeSpan.TicksPerSecond == 0 ? 0 : 1)])
            {
                if (second < durationSeconds)
                {
                    seconds.Add(second);
                }
            }
        }

        return seconds;
    }

    private static ChargingSchedulePeriod ToWire(CompositePeriod period, ChargingRateUnit unit, SmartChargingOptions options)
    {
        var amps = period.LimitAmps ?? options.MaximumCurrentAmps;
        var limit = unit == ChargingRateUnit.A ? amps : amps * options.NominalVoltageVolts * ChargingUnits.EffectivePhases(period.NumberPhases, options);
        return new ChargingSchedulePeriod { StartPeriod = 0, Limit = Math.Floor(limit * 10m) / 10m, NumberPhases = period.NumberPhases };
    }
}
