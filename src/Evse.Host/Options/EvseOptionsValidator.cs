using Microsoft.Extensions.Options;

namespace Evse.Host.Options;

/// <summary>
/// Checks the configuration at start-up (ValidateOnStart): bad values stop the daemon with a message that
/// names the key, instead of a charger that misbehaves later.
/// </summary>
public sealed class EvseOptionsValidator :
    IValidateOptions<StationOptions>,
    IValidateOptions<StorageOptions>,
    IValidateOptions<OcppOptions>,
    IValidateOptions<HardwareOptions>
{
    public ValidateOptionsResult Validate(string? name, StationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.ConnectorCount is < 1 or > 4)
        {
            errors.Add($"Station:ConnectorCount is {options.ConnectorCount}; a station has 1 to 4 connectors.");
        }

        if (options.Phases is not (1 or 3))
        {
            errors.Add($"Station:Phases is {options.Phases}; a station is connected to 1 or 3 phases.");
        }

        // BootNotification.req limits (OCPP 1.6 §6.2, CiString20/20/25/50): a longer value would fail our own schema
        // check on every attempt and the charger would never register.
        if (options.Vendor.Length is 0 or > 20)
        {
            errors.Add($"Station:Vendor is sent as chargePointVendor: 1 to 20 characters, not {options.Vendor.Length}.");
        }

        if (options.Model.Length is 0 or > 20)
        {
            errors.Add($"Station:Model is sent as chargePointModel: 1 to 20 characters, not {options.Model.Length}.");
        }

        if (options.SerialNumber.Length > 25)
        {
            errors.Add($"Station:SerialNumber is sent as chargePointSerialNumber: at most 25 characters, not {options.SerialNumber.Length}.");
        }

        if (Station.StationIdentityFactory.FirmwareVersion.Length > 50)
        {
            errors.Add($"The daemon version '{Station.StationIdentityFactory.FirmwareVersion}' is sent as firmwareVersion: at most 50 characters.");
        }

        if (options.PlugAndChargeId.Length is > 0 and < 8)
        {
            errors.Add("Station:PlugAndChargeId must be empty (authorization required) or at least 8 characters.");
        }

        if (options.PlugAndChargeId.Length > 20)
        {
            errors.Add("Station:PlugAndChargeId is sent as an OCPP idTag, which has at most 20 characters.");
        }

        if (options.MaxCurrentAmps is < 6 or > 80 || double.IsNaN(options.MaxCurrentAmps))
        {
            errors.Add($"Station:MaxCurrentAmps is {options.MaxCurrentAmps}; the pilot offers 6 to 80 A.");
        }

        if (options.ConnectorRatingAmps is < 6 or > 80 || double.IsNaN(options.ConnectorRatingAmps))
        {
            errors.Add($"Station:ConnectorRatingAmps is {options.ConnectorRatingAmps}; 6 to 80 A.");
        }

        if (options.ConnectionTimeOutSeconds is < 1 or > 3600)
        {
            errors.Add("Station:ConnectionTimeOutSeconds is 1 to 3600.");
        }

        if (options.AuthorizeTimeoutSeconds is < 1 or > 600)
        {
            errors.Add("Station:AuthorizeTimeoutSeconds is 1 to 600.");
        }

        if (options.ColdLoadPickupMaxDelaySeconds is < 0 or > 86400)
        {
            errors.Add("Station:ColdLoadPickupMaxDelaySeconds is 0 to 86400 (values under 120 count as 120).");
        }

        if (options.RebootPeriodMinutes is < 0 or > 525600)
        {
            errors.Add("Station:RebootPeriodMinutes is 0 (never) to 525600.");
        }

        if (!ScheduleSettings.TryParseHours(options.HoursOfOperation, out _, out var hoursError))
        {
            errors.Add(hoursError!);
        }

        if (!ScheduleSettings.TryParseTimeZone(options.TimeZone, out _, out var zoneError))
        {
            errors.Add(zoneError!);
        }

        if (!ScheduleSettings.TryParseBoostTimers(options.BoostTimers, out _, out var boostError))
        {
            errors.Add(boostError!);
        }

        if (!Enum.IsDefined(options.ChargeMode))
        {
            errors.Add("Station:ChargeMode is Fast, Eco or EcoPlus.");
        }

        if (options.EcoPlusGridAmps is < 0 or > Core.Scheduling.ChargeModePolicy.MaxEcoPlusGridAmps || double.IsNaN(options.EcoPlusGridAmps))
        {
            errors.Add($"Station:EcoPlusGridAmps is {options.EcoPlusGridAmps}; the ECO+ current is 0 to 5 A (seed 004).");
        }

        var w = options.Warnings;
        if (w is null || !(w.TemperatureLowCelsius < w.TemperatureHighCelsius) || !(w.NominalVolts > 0) || !(w.VoltageHighVolts > w.ToSettings().EffectiveVoltageLowVolts))
        {
            errors.Add("Station:Warnings: TemperatureLowCelsius must be below TemperatureHighCelsius, NominalVolts above 0 and VoltageHighVolts above the low-voltage level.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.DataDirectory)
            ? ValidateOptionsResult.Fail("Storage:DataDirectory must name a directory.")
            : ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, OcppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.CentralSystemUrl.Length > 0)
        {
            if (!Uri.TryCreate(options.CentralSystemUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
            {
                errors.Add($"Ocpp:CentralSystemUrl '{options.CentralSystemUrl}' is not a ws:// or wss:// URL.");
            }

            if (options.ChargePointId.Length == 0)
            {
                errors.Add("Ocpp:ChargePointId is required when Ocpp:CentralSystemUrl is set.");
            }
        }

        if (options.ChargePointId.Length > 48 || options.ChargePointId.Any(char.IsWhiteSpace))
        {
            errors.Add("Ocpp:ChargePointId has at most 48 characters and no spaces.");
        }

        // Under a day, a session replayed after a restart on the next morning could be sent twice; over ten years is a typo.
        if (options.OutboxRetentionDays is < 1 or > 3650)
        {
            errors.Add($"Ocpp:OutboxRetentionDays is {options.OutboxRetentionDays}; 1 to 3650 days.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, HardwareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Mode))
        {
            return ValidateOptionsResult.Fail("Hardware:Mode is Simulated or Linux.");
        }

        if (options.BoardFile is { Length: > 0 } file && !File.Exists(file))
        {
            return ValidateOptionsResult.Fail($"Hardware:BoardFile '{file}' does not exist.");
        }

        return ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
