using Evse.Ocpp.Messages;
using Evse.Ocpp.SmartCharging;

namespace Evse.Ocpp.Tests.SmartCharging;

/// <summary>Short-hand for charging profiles in tests: periods as (startSeconds, limit).</summary>
internal static class Profiles
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static ChargingProfile Make(
        int id,
        ChargingProfilePurpose purpose,
        int stackLevel,
        (int Start, decimal Limit)[] periods,
        ChargingProfileKind kind = ChargingProfileKind.Absolute,
        DateTimeOffset? startSchedule = null,
        int? durationSeconds = null,
        ChargingRateUnit unit = ChargingRateUnit.A,
        RecurrencyKind? recurrency = null,
        DateTimeOffset? validFrom = null,
        DateTimeOffset? validTo = null,
        int? transactionId = null,
        int? numberPhases = null) => new()
        {
            ChargingProfileId = id,
            TransactionId = transactionId,
            StackLevel = stackLevel,
            ChargingProfilePurpose = purpose,
            ChargingProfileKind = kind,
            RecurrencyKind = recurrency,
            ValidFrom = validFrom,
            ValidTo = validTo,
            ChargingSchedule = new ChargingSchedule
            {
                Duration = durationSeconds,
                StartSchedule = startSchedule,
                ChargingRateUnit = unit,
                ChargingSchedulePeriod = [.. periods.Select(p => new ChargingSchedulePeriod { StartPeriod = p.Start, Limit = p.Limit, NumberPhases = numberPhases })],
            },
        };

    public static ChargingProfile TxDefault(int id, int stackLevel, decimal limit, DateTimeOffset? startSchedule = null) =>
        Make(id, ChargingProfilePurpose.TxDefaultProfile, stackLevel, [(0, limit)], startSchedule: startSchedule ?? T0);

    public static ChargingProfile Tx(int id, int stackLevel, decimal limit, int? transactionId = null) =>
        Make(id, ChargingProfilePurpose.TxProfile, stackLevel, [(0, limit)], ChargingProfileKind.Relative, transactionId: transactionId);

    public static ChargingProfile Max(int id, int stackLevel, decimal limit) =>
        Make(id, ChargingProfilePurpose.ChargePointMaxProfile, stackLevel, [(0, limit)], startSchedule: T0);

    public static InstalledChargingProfile On(this ChargingProfile profile, int connectorId, long? recordId = null) => new(connectorId, profile, recordId);

    /// <summary>The composite's periods as (seconds from the window start, amps) for compact assertions.</summary>
    public static (double Seconds, decimal? Amps)[] Flat(this CompositeSchedule schedule) =>
        [.. schedule.Periods.Select(p => ((p.Start - schedule.Start).TotalSeconds, p.LimitAmps is { } a ? decimal.Round(a, 4) : (decimal?)null))];
}
