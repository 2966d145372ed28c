using System.Globalization;
using Evse.Ocpp.Messages;
using Evse.Ocpp.SmartCharging;
using FsCheck;
using FsCheck.Fluent;
using static Evse.Ocpp.Tests.SmartCharging.Profiles;

namespace Evse.Ocpp.Tests.SmartCharging;

/// <summary>
/// Random sets of profiles (every purpose, kind, recurrence, validity, unit and stack level) against an independent
/// brute-force oracle that evaluates each profile at one instant straight from the spec's rules. At every period start
/// of the composite, one second before it, and at random instants, the composite never exceeds the prevailing profile
/// of any purpose that applies (and equals min(TxProfile or else TxDefaultProfile, ChargePointMaxProfile)).
/// Set EVSE_PROPERTY_RUNS for a longer soak.
/// </summary>
public class CompositeScheduleCalculatorPropertyTests
{
    private static readonly SmartChargingOptions Options = new() { PhaseCount = 3 };

    private static int Runs => int.TryParse(Environment.GetEnvironmentVariable("EVSE_PROPERTY_RUNS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 2_000;

    private sealed record Case(InstalledChargingProfile[] Profiles, DateTimeOffset From, TimeSpan Duration, DateTimeOffset? TransactionStart, int[] ProbesPerMille);

    [Fact]
    public void Compute_RandomProfiles_NeverExceedsTheApplicableProfiles()
    {
        Prop.ForAll(CaseGen().ToArbitrary(), Holds)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Runs).WithQuietOnSuccess(true));
    }

    /// <summary>
    /// The case that once failed: a Daily profile anchored a day after the probe, probed 0.24 s before one of its
    /// period starts. The oracle truncated the negative offset toward zero and so switched periods a second early;
    /// the calculator was right.
    /// </summary>
    [Fact]
    public void Compute_ReplayedFractionalSecondBeforeRecurringBoundary_MatchesTheOracle()
    {
        Prop.ForAll(CaseGen().ToArbitrary(), Holds)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1).WithReplay(5783415852172060924UL, 965616963953297593UL, 86));
    }

    private static Gen<int?> Maybe(Gen<int> gen) =>
        Gen.Frequency((1, Gen.Constant<int?>(null)), (2, gen.Select(x => (int?)x)));

    private static Gen<InstalledChargingProfile> ProfileGen(int id) =>
        from purpose in Gen.Elements(Enum.GetValues<ChargingProfilePurpose>())
        from kind in purpose == ChargingProfilePurpose.ChargePointMaxProfile
            ? Gen.Elements(ChargingProfileKind.Absolute, ChargingProfileKind.Recurring)
            : Gen.Elements(Enum.GetValues<ChargingProfileKind>())
        from recurrency in Gen.Elements(RecurrencyKind.Daily, RecurrencyKind.Weekly)
        from connector in purpose switch
        {
            ChargingProfilePurpose.ChargePointMaxProfile => Gen.Constant(0),
            ChargingProfilePurpose.TxProfile => Gen.Constant(1),
            _ => Gen.Elements(0, 1),
        }
        from stack in Gen.Choose(0, 3)
        from startQuarterHours in Maybe(Gen.Choose(-192, 192))
        from duration in Maybe(Gen.Choose(1, 200).Select(q => q * 900))
        from unit in Gen.Elements(ChargingRateUnit.A, ChargingRateUnit.A, ChargingRateUnit.W)
        from steps in Gen.ListOf(Gen.Choose(1, 80).Select(s => s * 300)).Select(l => l.Take(4).ToArray())
        from limits in Gen.ArrayOf(Gen.Choose(0, 630), 5)
        from phases in Maybe(Gen.Choose(1, 3))
        from validFromHours in Maybe(Gen.Choose(-24, 96))
        from validLengthHours in Maybe(Gen.Choose(1, 72))
        select Build(id, purpose, kind, recurrency, connector, stack, startQuarterHours, duration, unit, steps, limits, phases, validFromHours, validLengthHours);

    private static InstalledChargingProfile Build(
        int id, ChargingProfilePurpose purpose, ChargingProfileKind kind, RecurrencyKind recurrency, int connector, int stack,
        int? startQuarterHours, int? duration, ChargingRateUnit unit, int[] steps, int[] limits, int? phases, int? validFromHours, int? validLengthHours)
    {
        var starts = new List<int> { 0 };
        foreach (var step in steps)
        {
            starts.Add(starts[^1] + step);
        }

        var factor = unit == ChargingRateUnit.W ? 23m * 3 : 0.1m;
        var start = startQuarterHours is { } q ? T0.AddMinutes(15 * q) : (DateTimeOffset?)null;
        if (kind == ChargingProfileKind.Recurring)
        {
            start ??= T0;
        }

        var validFrom = validFromHours is { } f ? T0.AddHours(f) : (DateTimeOffset?)null;
        var validTo = validLengthHours is { } l ? (validFrom ?? T0).AddHours(l) : (DateTimeOffset?)null;
        var profile = Make(
            id, purpose, stack, [.. starts.Select((s, i) => (s, limits[i] * factor))], kind, start, duration, unit,
            kind == ChargingProfileKind.Recurring ? recurrency : null, validFrom, validTo, numberPhases: phases);
        return profile.On(connector);
    }

    private static Gen<Case> CaseGen() =>
        from generated in Gen.ListOf(ProfileGen(0))
        let profiles = generated.Take(6).Select((p, i) => p with { Profile = p.Profile with { ChargingProfileId = i + 1 } }).ToArray()
        from fromMinutes in Gen.Choose(-2 * 24 * 60, 4 * 24 * 60)
        from durationMinutes in Gen.Choose(1, 3 * 24 * 60)
        from txBeforeMinutes in Maybe(Gen.Choose(0, 600))
        from probes in Gen.ArrayOf(Gen.Choose(0, 999), 20)
        let windowStart = T0.AddMinutes(fromMinutes)
        select new Case(profiles, windowStart, TimeSpan.FromMinutes(durationMinutes), txBeforeMinutes is { } b ? windowStart.AddMinutes(-b) : null, probes);

    private static bool Holds(Case c)
    {
        var schedule = CompositeScheduleCalculator.Compute(c.Profiles, 1, c.TransactionStart, c.From, c.Duration, Options);
        var instants = schedule.Periods.Select(p => p.Start)
            .Concat(schedule.Periods.Skip(1).Select(p => p.Start.AddSeconds(-1)))
            .Concat(c.ProbesPerMille.Select(m => c.From + (c.Duration * m / 1000)))
            .Where(t => t >= c.From && t < schedule.End);
        foreach (var at in instants)
        {
            var composite = schedule.PeriodAt(at).LimitAmps;
            var (tx, cap) = Oracle(c, at);
            var expected = Min(tx, cap);
            var ok = (composite, expected) switch
            {
                (null, null) => true,
                ({ } a, { } e) => Math.Abs(a - e) < 1e-9m && (tx is null || a <= tx + 1e-9m) && (cap is null || a <= cap + 1e-9m),
                _ => false,
            };
            if (!ok)
            {
                throw new InvalidOperationException($"At {at:o}: composite {composite}, oracle tx {tx} cap {cap}");
            }
        }

        return true;
    }

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static (decimal? Tx, decimal? Cap) Oracle(Case c, DateTimeOffset at)
    {
        decimal? Prevailing(ChargingProfilePurpose purpose)
        {
            var candidates = c.Profiles
                .Where(p => p.Purpose == purpose)
                .Where(p => purpose != ChargingProfilePurpose.TxProfile || c.TransactionStart is not null)
                .Select(p => (p, Limit: LimitOf(p, at, c.TransactionStart ?? c.From)))
                .Where(x => x.Limit is not null)
                .OrderByDescending(x => x.p.StackLevel)
                .ThenByDescending(x => x.p.ConnectorId == 1)
                .ToList();
            return candidates.Count == 0 ? null : candidates[0].Limit;
        }

        return (Prevailing(ChargingProfilePurpose.TxProfile) ?? Prevailing(ChargingProfilePurpose.TxDefaultProfile), Prevailing(ChargingProfilePurpose.ChargePointMaxProfile));
    }

    /// <summary>One profile's limit at one instant, in A, computed in whole seconds straight from §3.13.</summary>
    private static decimal? LimitOf(InstalledChargingProfile installed, DateTimeOffset at, DateTimeOffset transactionStart)
    {
        var p = installed.Profile;
        if ((p.ValidFrom is { } vf && at < vf) || (p.ValidTo is { } vt && at >= vt))
        {
            return null;
        }

        var s = p.ChargingSchedule;
        var anchor = p.ChargingProfileKind switch
        {
            ChargingProfileKind.Relative => transactionStart,
            ChargingProfileKind.Absolute => s.StartSchedule ?? transactionStart,
            _ => s.StartSchedule!.Value,
        };
        // Floor, not a cast: a cast truncates a negative offset toward zero (-0.24 s would read as 0 s, a period early).
        var elapsed = (long)Math.Floor((at - anchor).TotalSeconds);
        if (p.ChargingProfileKind == ChargingProfileKind.Recurring)
        {
            long cycle = p.RecurrencyKind == RecurrencyKind.Weekly ? 604_800 : 86_400;
            elapsed = ((elapsed % cycle) + cycle) % cycle;
        }
        else if (elapsed < 0)
        {
            return null;
        }

        if (s.Duration is { } d && elapsed >= d)
        {
            return null;
        }

        var period = s.ChargingSchedulePeriod.LastOrDefault(x => x.StartPeriod <= elapsed);
        if (period is null)
        {
            return null;
        }

        if (s.ChargingRateUnit == ChargingRateUnit.A)
        {
            return period.Limit;
        }

        var phases = Math.Min(period.NumberPhases ?? Options.PhaseCount, Options.PhaseCount);
        return period.Limit / (Options.NominalVoltageVolts * phases);
    }
}
