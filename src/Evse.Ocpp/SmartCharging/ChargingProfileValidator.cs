using Evse.Ocpp.Messages;

namespace Evse.Ocpp.SmartCharging;

/// <summary>
/// The checks of a SetChargingProfile that need no station state (OCPP 1.6 §3.13, §5.16, §9.4). A refusal names the
/// rule, for the log; the Central System only sees Rejected.
/// </summary>
public static class ChargingProfileValidator
{
    /// <summary>True when <paramref name="profile"/> may be installed on <paramref name="connectorId"/> as far as its shape goes.</summary>
    public static bool TryValidate(int connectorId, ChargingProfile profile, ChargingProfileRules rules, out string reason)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(rules);
        reason = Check(connectorId, profile, rules) ?? string.Empty;
        return reason.Length == 0;
    }

    private static string? Check(int connectorId, ChargingProfile profile, ChargingProfileRules rules)
    {
        var schedule = profile.ChargingSchedule;
        var periods = schedule.ChargingSchedulePeriod;
        if (connectorId < 0)
        {
            return $"connector {connectorId} does not exist";
        }

        if (profile.StackLevel < 0 || profile.StackLevel > rules.MaxStackLevel)
        {
            return $"stack level {profile.StackLevel} outside 0..{rules.MaxStackLevel} (ChargeProfileMaxStackLevel)";
        }

        if (profile.ChargingProfilePurpose == ChargingProfilePurpose.ChargePointMaxProfile && connectorId != 0)
        {
            return "a ChargePointMaxProfile can only be set on connector 0";
        }

        if (profile.ChargingProfilePurpose == ChargingProfilePurpose.ChargePointMaxProfile && profile.ChargingProfileKind == ChargingProfileKind.Relative)
        {
            // The charge point as a whole has no transaction to be relative to.
            return "a ChargePointMaxProfile cannot be Relative";
        }

        if (profile.ChargingProfilePurpose == ChargingProfilePurpose.TxProfile && connectorId == 0)
        {
            return "a TxProfile needs a connector with a transaction, not connector 0";
        }

        if (profile.ChargingProfilePurpose != ChargingProfilePurpose.TxProfile && profile.TransactionId is not null)
        {
            return "only a TxProfile may name a transaction";
        }

        if (profile.ChargingProfileKind == ChargingProfileKind.Recurring && (profile.RecurrencyKind is null || schedule.StartSchedule is null))
        {
            return "a Recurring profile needs recurrencyKind and startSchedule";
        }

        if (profile is { ValidFrom: { } from, ValidTo: { } to } && to <= from)
        {
            return "validTo is not after validFrom";
        }

        if (schedule.ChargingRateUnit == ChargingRateUnit.A ? !rules.AllowCurrent : !rules.AllowPower)
        {
            return $"unit {schedule.ChargingRateUnit} not allowed (ChargingScheduleAllowedChargingRateUnit)";
        }

        if (periods.Count == 0 || periods.Count > rules.MaxPeriods)
        {
            return $"{periods.Count} periods, 1..{rules.MaxPeriods} allowed (ChargingScheduleMaxPeriods)";
        }

        if (schedule.Duration is < 0)
        {
            return "negative duration";
        }

        if (periods[0].StartPeriod != 0)
        {
            return "the first period must start at 0";
        }

        for (var i = 0; i < periods.Count; i++)
        {
            var period = periods[i];
            if (i > 0 && period.StartPeriod <= periods[i - 1].StartPeriod)
            {
                return "periods must start in increasing order";
            }

            if (period.Limit < 0)
            {
                return "negative limit";
            }

            if (period.NumberPhases is < 1 or > 3)
            {
                return $"numberPhases {period.NumberPhases} outside 1..3";
            }
        }

        return null;
    }
}
