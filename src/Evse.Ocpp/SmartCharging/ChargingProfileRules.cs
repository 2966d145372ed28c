using Evse.Ocpp.Configuration;

namespace Evse.Ocpp.SmartCharging;

/// <summary>The SmartCharging configuration keys that bound what SetChargingProfile accepts (OCPP 1.6 §9.4).</summary>
/// <param name="MaxStackLevel">ChargeProfileMaxStackLevel.</param>
/// <param name="AllowCurrent">ChargingScheduleAllowedChargingRateUnit contains Current.</param>
/// <param name="AllowPower">ChargingScheduleAllowedChargingRateUnit contains Power.</param>
/// <param name="MaxPeriods">ChargingScheduleMaxPeriods.</param>
/// <param name="MaxInstalled">MaxChargingProfilesInstalled.</param>
public sealed record ChargingProfileRules(int MaxStackLevel, bool AllowCurrent, bool AllowPower, int MaxPeriods, int MaxInstalled)
{
    /// <summary>The rules as the configuration says now.</summary>
    public static ChargingProfileRules From(ConfigurationService configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var units = configuration.GetList(OcppConfigurationKeys.ChargingScheduleAllowedChargingRateUnit);
        return new ChargingProfileRules(
            configuration.GetInt32(OcppConfigurationKeys.ChargeProfileMaxStackLevel),
            units.Contains("Current", StringComparer.OrdinalIgnoreCase),
            units.Contains("Power", StringComparer.OrdinalIgnoreCase),
            configuration.GetInt32(OcppConfigurationKeys.ChargingScheduleMaxPeriods),
            configuration.GetInt32(OcppConfigurationKeys.MaxChargingProfilesInstalled));
    }
}
