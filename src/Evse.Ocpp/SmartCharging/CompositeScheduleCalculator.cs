using Evse.Ocpp.Messages;

namespace Evse.Ocpp.SmartCharging;

/// <summary>
/// The composite schedule of one connector (OCPP 1.6 §3.13): pure, no clock, no I/O.
/// </summary>
/// <remarks>
/// <para>Per purpose and instant the valid profile (validFrom ≤ t &lt; validTo) with the highest stack level whose
/// schedule covers t wins; at equal stack level a profile set on the connector beats one set on connector 0. A schedule
/// covers t from its start to start + duration (no duration: forever), from its first startPeriod on. A profile whose
/// schedule has run out hands over to the next lower stack level.</para>
/// <para>TxProfile (only with a transaction) overrides TxDefaultProfile; the ChargePointMaxProfile (connector 0)
/// caps the result, shared evenly by <c>chargePointMaxShare</c> connectors. For connector 0 the composite is the
/// ChargePointMaxProfile alone.</para>
/// <para>Anchors: Absolute uses startSchedule, or the transaction start when it has none (§7.13: "if absent the
/// schedule will be relative to start of charging"); Relative uses the transaction start; Recurring repeats every
/// 24 h (Daily) or 7 days (Weekly) from startSchedule, also before it, and a duration longer than the cycle is cut at
/// the cycle. Without a transaction, Relative schedules are anchored at the window start, i.e. "if a transaction
/// started now". W limits become A per phase with <see cref="ChargingUnits"/>.</para>
/// </remarks>
public static class CompositeScheduleCalculator
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>Computes the composite schedule of <paramref name="connectorId"/> over [from, from + duration).</summary>
    /// <param name="profiles">Every installed profile; those of other connectors are ignored.</param>
    /// <param name="connectorId">The connector, or 0 for the charge point as a whole.</param>
    /// <param name="transactionStart">When the connector's running transaction started; null when none runs (TxProfiles then do not apply).</param>
    /// <param name="from">Window start.</param>
    /// <param name="duration">Window length, positive.</param>
    /// <param name="options">Phase count and voltage for W → A.</param>
    /// <param name="chargePointMaxShare">How many connectors share the ChargePointMaxProfile limit (at least 1).</param>
    public static CompositeSchedule Compute(
        IReadOnlyList<InstalledChargingProfile> profiles,
        int connectorId,
        DateTimeOffset? transactionStart,
        DateTimeOffset from,
        TimeSpan duration,
        SmartChargingOptions options,
        int chargePointMaxShare = 1)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var to = from + duration;
        var share = Math.Max(1, chargePointMaxShare);

        var anchored = profiles
            .Where(p => AppliesTo(p, connectorId, transactionStart is not null))
            .Select(p => new Anchored(p, AnchorOf(p.Profile, transactionStart ?? from)))
            .Where(a => a.Start is not null)
            .ToList();

        var boundaries = new SortedSet<DateTimeOffset> { from };
        foreach (var profile in anchored)
        {
            AddBoundaries(profile, from, to, boundaries);
        }

        var periods = new List<CompositePeriod>();
        foreach (var at in boundaries)
        {
            var period = Evaluate(anchored, connectorId, at, options, share);
            if (periods.Count == 0 || !SameLimit(periods[^1], period))
            {
                periods.Add(period);
            }
        }

        return new CompositeSchedule(from, duration, periods);
    }

    /// <summary>The limit in force at one instant, as <see cref="Compute"/> would report it.</summary>
    public static CompositePeriod LimitAt(
        IReadOnlyList<InstalledChargingProfile> profiles,
        int connectorId,
        DateTimeOffset? transactionStart,
        DateTimeOffset at,
        SmartChargingOptions options,
        int chargePointMaxShare = 1,
        DateTimeOffset? windowStart = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(options);
        var anchored = profiles
            .Where(p => AppliesTo(p, connectorId, transactionStart is not null))
            .Select(p => new Anchored(p, AnchorOf(p.Profile, transactionStart ?? windowStart ?? at)))
            .Where(a => a.Start is not null)
            .ToList();
        return Evaluate(anchored, connectorId, at, options, Math.Max(1, chargePointMaxShare));
    }

    private static bool AppliesTo(InstalledChargingProfile profile, int connectorId, bool transactionRunning) =>
        profile.Purpose switch
        {
            ChargingProfilePurpose.ChargePointMaxProfile => profile.ConnectorId == 0,
            ChargingProfilePurpose.TxDefaultProfile => connectorId != 0 && (profile.ConnectorId == connectorId || profile.ConnectorId == 0),
            ChargingProfilePurpose.TxProfile => connectorId != 0 && transactionRunning && profile.ConnectorId == connectorId,
            _ => false,
        };

    private static DateTimeOffset? AnchorOf(ChargingProfile profile, DateTimeOffset transactionStart) =>
        profile.ChargingProfileKind switch
        {
            ChargingProfileKind.Relative => transactionStart,
            ChargingProfileKind.Absolute => profile.ChargingSchedule.StartSchedule ?? transactionStart,
            ChargingProfileKind.Recurring => profile.ChargingSchedule.StartSchedule,
            _ => null,
        };

    private static TimeSpan? CycleOf(ChargingProfile profile) =>
        profile.ChargingProfileKind != ChargingProfileKind.Recurring ? null
        : profile.RecurrencyKind == RecurrencyKind.Weekly ? Week
        : Day;

    private static void AddBoundaries(Anchored anchored, DateTimeOffset from, DateTimeOffset to, SortedSet<DateTimeOffset> boundaries)
    {
        var profile = anchored.Installed.Profile;
        void Add(DateTimeOffset at)
        {
            if (at > from && at < to)
            {
                boundaries.Add(at);
            }
        }

        if (profile.ValidFrom is { } validFrom)
        {
            Add(validFrom);
        }

        if (profile.ValidTo is { } validTo)
        {
            Add(validTo);
        }

        var schedule = profile.ChargingSchedule;
        var start = anchored.Start!.Value;
        var duration = schedule.Duration is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        if (CycleOf(profile) is not { } cycle)
        {
            foreach (var period in schedule.ChargingSchedulePeriod)
            {
                Add(start + TimeSpan.FromSeconds(period.StartPeriod));
            }

            if (duration is { } d)
            {
                Add(start + d);
            }

            return;
        }

        // Every repetition that overlaps the window, from the one in force at its start.
        var first = (long)Math.Floor((from - start) / cycle);
        for (var k = first; start + (cycle * k) < to; k++)
        {
            var cycleStart = start + (cycle * k);
            Add(cycleStart);
            foreach (var period in schedule.ChargingSchedulePeriod)
            {
                if (TimeSpan.FromSeconds(period.StartPeriod) < cycle)
                {
                    Add(cycleStart + TimeSpan.FromSeconds(period.StartPeriod));
                }
            }

            if (duration is { } d && d < cycle)
            {
                Add(cycleStart + d);
            }
        }
    }

    private static CompositePeriod Evaluate(List<Anchored> anchored, int connectorId, DateTimeOffset at, SmartChargingOptions options, int share)
    {
        var cap = Prevailing(anchored, ChargingProfilePurpose.ChargePointMaxProfile, connectorId, at, options);
        if (cap is not null && connectorId != 0)
        {
            // Connector 0 is the whole charge point: it reports the limit itself, not one connector's share.
            cap = cap with { LimitAmps = cap.LimitAmps / share };
        }

        if (connectorId == 0)
        {
            return (cap ?? Unlimited(at)) with { Start = at };
        }

        var tx = Prevailing(anchored, ChargingProfilePurpose.TxProfile, connectorId, at, options)
            ?? Prevailing(anchored, ChargingProfilePurpose.TxDefaultProfile, connectorId, at, options);
        var winner = (tx, cap) switch
        {
            (null, null) => Unlimited(at),
            (null, { } c) => c,
            ({ } t, null) => t,
            ({ } t, { } c) => c.LimitAmps < t.LimitAmps ? c : t,
        };
        return winner with { Start = at };
    }

    private static CompositePeriod Unlimited(DateTimeOffset at) => new(at, null, null, null, null);

    private static CompositePeriod? Prevailing(List<Anchored> anchored, ChargingProfilePurpose purpose, int connectorId, DateTimeOffset at, SmartChargingOptions options)
    {
        Anchored? best = null;
        ChargingSchedulePeriod? bestPeriod = null;
        foreach (var candidate in anchored)
        {
            var installed = candidate.Installed;
            if (installed.Purpose != purpose || !IsValidAt(installed.Profile, at) || PeriodAt(candidate, at) is not { } period)
            {
                continue;
            }

            if (best is null || Beats(installed, best.Installed, connectorId))
            {
                best = candidate;
                bestPeriod = period;
            }
        }

        if (best is null || bestPeriod is null)
        {
            return null;
        }

        var unit = best.Installed.Profile.ChargingSchedule.ChargingRateUnit;
        var amps = ChargingUnits.ToAmps(bestPeriod.Limit, unit, bestPeriod.NumberPhases, options);
        return new CompositePeriod(at, amps, bestPeriod.NumberPhases, best.Installed.Id, purpose);
    }

    private static bool Beats(InstalledChargingProfile candidate, InstalledChargingProfile best, int connectorId)
    {
        if (candidate.StackLevel != best.StackLevel)
        {
            return candidate.StackLevel > best.StackLevel;
        }

        // Same level: the profile made for this connector is the more specific instruction.
        return candidate.ConnectorId == connectorId && best.ConnectorId != connectorId;
    }

    private static bool IsValidAt(ChargingProfile profile, DateTimeOffset at) =>
        (profile.ValidFrom is not { } validFrom || at >= validFrom) && (profile.ValidTo is not { } validTo || at < validTo);

    private static ChargingSchedulePeriod? PeriodAt(Anchored anchored, DateTimeOffset at)
    {
        var profile = anchored.Installed.Profile;
        var schedule = profile.ChargingSchedule;
        var elapsed = at - anchored.Start!.Value;
        if (CycleOf(profile) is { } cycle)
        {
            elapsed = TimeSpan.FromTicks(((elapsed.Ticks % cycle.Ticks) + cycle.Ticks) % cycle.Ticks);
        }
        else if (elapsed < TimeSpan.Zero)
        {
            return null;
        }

        if (schedule.Duration is { } seconds && elapsed >= TimeSpan.FromSeconds(seconds))
        {
            return null;
        }

        ChargingSchedulePeriod? found = null;
        foreach (var period in schedule.ChargingSchedulePeriod)
        {
            if (TimeSpan.FromSeconds(period.StartPeriod) <= elapsed && (found is null || period.StartPeriod >= found.StartPeriod))
            {
                found = period;
            }
        }

        return found;
    }

    private static bool SameLimit(CompositePeriod a, CompositePeriod b) =>
        a.LimitAmps == b.LimitAmps && a.NumberPhases == b.NumberPhases && a.LimitingProfileId == b.LimitingProfileId && a.LimitingPurpose == b.LimitingPurpose;

    private sealed record Anchored(InstalledChargingProfile Installed, DateTimeOffset? Start);
}
