using System.Collections.Frozen;
using System.Globalization;
using K = Evse.Ocpp.Configuration.OcppConfigurationKeys;

namespace Evse.Ocpp.Configuration;

/// <summary>
/// Every configuration key the charger knows: OCPP 1.6 chapter 9 for the profiles we support, the OCPP tables of
/// seeds 000/001 (§7.3.3, Figs. 17–19) and seed 004 §9.2. Defaults follow seed 001, then seed 004, then the spec;
/// <see cref="ConfigurationKeyDefinition.DefaultSource"/> says which. Names are matched case-insensitively
/// (keys are CiString50), so the manuals' "HeartBeatInterval" finds HeartbeatInterval.
/// </summary>
public static class ConfigurationCatalog
{
    /// <summary>Measurands this hardware can produce (REQUIREMENTS §7); the offered values come from the pilot setting.</summary>
    public static readonly IReadOnlyList<string> SupportedMeasurands =
    [
        "Current.Import",
        "Current.Offered",
        "Energy.Active.Import.Register",
        "Power.Active.Import",
        "Power.Offered",
        "Temperature",
        "Voltage",
    ];

    public static readonly IReadOnlyList<string> SupportedFeatureProfiles =
        ["Core", "FirmwareManagement", "LocalAuthListManagement", "Reservation", "SmartCharging", "RemoteTrigger"];

    /// <summary>OCPP 1.6 §9.1.5 phase rotations.</summary>
    public static readonly IReadOnlyList<string> PhaseRotations = ["NotApplicable", "Unknown", "RST", "RTS", "SRT", "STR", "TRS", "TSR"];

    private const string Core = "Core";
    private const string Vendor = "Vendor";
    private const string MeterDefault = "Energy.Active.Import.Register";
    private const string StopTxnDefault = "Current.Import,Energy.Active.Import.Register,Temperature,Voltage";

    private static readonly FrozenDictionary<string, ConfigurationKeyDefinition> ByName;

    static ConfigurationCatalog()
    {
        All = Build()
            .Select(d => d.Description.Length > 0 ? d : d with { Description = ConfigurationDescriptions.ByKey[d.Name] })
            .ToList();
        ByName = All.ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>All keys in the order GetConfiguration reports them.</summary>
    public static IReadOnlyList<ConfigurationKeyDefinition> All { get; }

    public static bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConfigurationKeyDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name.Trim(), out definition);
    }

    private static List<ConfigurationKeyDefinition> Build() =>
    [
        // ---- Core (§9.1); defaults from seed 001 Figs. 18–19 unless marked.
        Bool(K.AllowOfflineTxForUnknownId, true, DefaultValueSource.Seed001, Core, required: false),
        Bool(K.AuthorizationCacheEnabled, true, DefaultValueSource.Seed001, Core, required: false),
        Bool(K.AuthorizeRemoteTxRequests, true, DefaultValueSource.Seed001, Core, required: true),
        Int(K.BlinkRepeat, 0, DefaultValueSource.Seed001, Core, 0, 100, "times", required: false),
        Int(K.ClockAlignedDataInterval, 0, DefaultValueSource.Seed001, Core, 0, 86_400, "s", required: true),
        Int(K.ConnectionTimeOut, 900, DefaultValueSource.Seed001, Core, 0, 86_400, "s", required: true),
        new()
        {
            Name = K.ConnectorPhaseRotation, Type = ConfigurationValueType.MemberList, Access = ConfigurationAccess.ReadWrite,
            DefaultValue = "NotApplicable", DefaultSource = DefaultValueSource.Seed001, Profile = Core, RequiredBySpecification = true,
            MaxMembersKey = K.ConnectorPhaseRotationMaxLength, ExtraRule = CheckPhaseRotation,
            Description = "Phase rotation per connector: a rotation, or connectorId.rotation (e.g. 0.RST,1.RST).",
        },
        ReadOnlyInt(K.ConnectorPhaseRotationMaxLength, 1, DefaultValueSource.Seed001, Core, required: false),
        ReadOnlyInt(K.GetConfigurationMaxKeys, 60, DefaultValueSource.Seed001, Core, required: true),
        // Up to a week: BootNotification.conf's interval is written here as it comes, and a Central System may ask for long ones.
        Int(K.HeartbeatInterval, 0, DefaultValueSource.Seed001, Core, 0, 604_800, "s", required: true),
        Int(K.LightIntensity, 100, DefaultValueSource.Seed001, Core, 0, 100, "%", required: false),
        Bool(K.LocalAuthorizeOffline, true, DefaultValueSource.Seed001, Core, required: true),
        Bool(K.LocalPreAuthorize, true, DefaultValueSource.Seed001, Core, required: true),
        Int(K.MaxEnergyOnInvalidId, 7360, DefaultValueSource.Seed001, Core, 0, 1_000_000, "Wh", required: false),
        Measurands(K.MeterValuesAlignedData, MeterDefault, K.MeterValuesAlignedDataMaxLength),
        ReadOnlyInt(K.MeterValuesAlignedDataMaxLength, 10, DefaultValueSource.Seed001, Core, required: false),
        Measurands(K.MeterValuesSampledData, MeterDefault, K.MeterValuesSampledDataMaxLength),
        ReadOnlyInt(K.MeterValuesSampledDataMaxLength, 10, DefaultValueSource.Seed001, Core, required: false),
        Int(K.MeterValueSampleInterval, 0, DefaultValueSource.Seed001, Core, 0, 86_400, "s", required: true),
        Int(K.MinimumStatusDuration, 10, DefaultValueSource.Seed001, Core, 0, 3_600, "s", required: false),
        ReadOnlyInt(K.NumberOfConnectors, 1, DefaultValueSource.Seed001, Core, required: true),
        Int(K.ResetRetries, 0, DefaultValueSource.Seed001, Core, 0, 10, "times", required: true),
        Bool(K.StopTransactionOnEVSideDisconnect, true, DefaultValueSource.Seed001, Core, required: true),
        Bool(K.StopTransactionOnInvalidId, true, DefaultValueSource.Seed001, Core, required: true),
        Measurands(K.StopTxnAlignedData, StopTxnDefault, K.StopTxnAlignedDataMaxLength),
        ReadOnlyInt(K.StopTxnAlignedDataMaxLength, 10, DefaultValueSource.Seed001, Core, required: false),
        Measurands(K.StopTxnSampledData, StopTxnDefault, K.StopTxnSampledDataMaxLength),
        ReadOnlyInt(K.StopTxnSampledDataMaxLength, 10, DefaultValueSource.Seed001, Core, required: false),
        new()
        {
            // Seed 001 prints a garbled list without RemoteTrigger; we spell the spec's identifiers and add RemoteTrigger (REQUIREMENTS §7).
            Name = K.SupportedFeatureProfiles, Type = ConfigurationValueType.MemberList, Access = ConfigurationAccess.ReadOnly,
            DefaultValue = string.Join(',', SupportedFeatureProfiles), DefaultSource = DefaultValueSource.OcppSpecification,
            Profile = Core, RequiredBySpecification = true, AllowedValues = SupportedFeatureProfiles,
            MaxMembersKey = K.SupportedFeatureProfilesMaxLength,
        },
        ReadOnlyInt(K.SupportedFeatureProfilesMaxLength, 6, DefaultValueSource.Seed001, Core, required: false),
        Int(K.TransactionMessageAttempts, 10, DefaultValueSource.Seed001, Core, 1, 100, "times", required: true),
        Int(K.TransactionMessageRetryInterval, 10, DefaultValueSource.Seed001, Core, 1, 3_600, "s", required: true),
        Bool(K.UnlockConnectorOnEVSideDisconnect, true, DefaultValueSource.Seed001, Core, required: true),
        Int(K.WebSocketPingInterval, 120, DefaultValueSource.Seed001, Core, 0, 3_600, "s", required: false),

        // ---- LocalAuthListManagement (§9.2)
        Bool(K.LocalAuthListEnabled, true, DefaultValueSource.Seed001, "LocalAuthListManagement", required: true),
        ReadOnlyInt(K.LocalAuthListMaxLength, 100, DefaultValueSource.Seed001, "LocalAuthListManagement", required: true),
        ReadOnlyInt(K.SendLocalListMaxLength, 100, DefaultValueSource.Seed001, "LocalAuthListManagement", required: true),

        // ---- Reservation (§9.3)
        ReadOnlyBool(K.ReserveConnectorZeroSupported, true, DefaultValueSource.Seed001, "Reservation", required: false),

        // ---- SmartCharging (§9.4)
        ReadOnlyInt(K.ChargeProfileMaxStackLevel, 99, DefaultValueSource.Seed001, "SmartCharging", required: true),
        new()
        {
            Name = K.ChargingScheduleAllowedChargingRateUnit, Type = ConfigurationValueType.MemberList, Access = ConfigurationAccess.ReadOnly,
            DefaultValue = "Current", DefaultSource = DefaultValueSource.Seed001, Profile = "SmartCharging", RequiredBySpecification = true,
            AllowedValues = ["Current", "Power"],
        },
        ReadOnlyInt(K.ChargingScheduleMaxPeriods, 32, DefaultValueSource.Seed001, "SmartCharging", required: true),
        ReadOnlyBool(K.ConnectorSwitch3to1PhaseSupported, false, DefaultValueSource.Seed001, "SmartCharging", required: false),
        ReadOnlyInt(K.MaxChargingProfilesInstalled, 10, DefaultValueSource.Seed001, "SmartCharging", required: true),

        // ---- Security whitepaper: the portal's "Basic Auth Password". Never readable (write-only).
        // Hex-encoded 16–20 bytes; a new key takes effect at once (the connection is renewed with it), hence not RebootRequired.
        Secret(K.AuthorizationKey, "Security", maxLength: 40, "HTTP Basic auth password for security profiles 1 and 2: 32 to 40 hexadecimal digits; empty means no Basic auth.") with
        {
            RebootRequired = false, ExtraRule = Transport.OcppConnectionSettings.CheckAuthorizationKey,
        },

        // ---- Vendor service settings (seeds 000/001 §7.3.3, Fig. 17). (*) in the manual = reboot required.
        Choice(K.RemoteServiceType, "OCPP", DefaultValueSource.Vendor, ["OCPP", "APP"], rebootRequired: true),
        Text(K.ChargePointId, "", rebootRequired: true, maxLength: 48, "The identity of this charger in the Central System (last URL segment, Basic auth user); empty uses the installation's Ocpp:ChargePointId.") with
        {
            ExtraRule = CheckChargePointId,
        },
        new()
        {
            Name = K.ProtocolName, Type = ConfigurationValueType.Text, Access = ConfigurationAccess.ReadOnly, DefaultValue = "OCPP1.6J",
            DefaultSource = DefaultValueSource.Vendor, Profile = Vendor, Description = "The protocol this daemon speaks.",
        },
        Text(K.CentralSystemUrl, "", rebootRequired: true, maxLength: 500, "ws:// or wss:// URL of the Central System; empty uses the installation's Ocpp:CentralSystemUrl.") with
        {
            ExtraRule = CheckCentralSystemUrl,
        },
        Text(K.BasicAuthId, "", rebootRequired: true, maxLength: 48, "Basic auth user; empty uses ChargePointId as OCPP-J requires."),
        Text(K.FtpServerUsername, "", rebootRequired: false, maxLength: 100, "User for firmware downloads and diagnostics uploads over FTP when the URL has none."),
        Secret(K.FtpServerPassword, Vendor, maxLength: 100, "Password for FTP firmware downloads and diagnostics uploads when the URL has none.") with
        {
            RebootRequired = false,
        },
        Choice(K.MessageTransportLayer, "WS", DefaultValueSource.Seed001, ["WS", "WSS"], rebootRequired: true),
        Int(K.BootNotificationInterval, 600, DefaultValueSource.Seed001, Vendor, 1, 86_400, "s", required: false),
        // Read-only: the charger keeps trying (§4.2 gives no point at which to give up), which is what -1 says.
        Int(K.BootNotificationRetries, -1, DefaultValueSource.Seed001, Vendor, -1, 1_000_000, "times", required: false) with { Access = ConfigurationAccess.ReadOnly },
        Int(K.PduTimeout, 60, DefaultValueSource.Seed001, Vendor, 1, 3_600, "s", required: false),
        // Read-only: they report what FirmwareManagementOptions uses when UpdateFirmware / GetDiagnostics give no
        // retries / retryInterval (the request's own values always win); seed 001's 300 s is not what the daemon does.
        ReadOnlyInt(K.DownloadFirmwareInterval, 60, DefaultValueSource.Vendor, Vendor, required: false),
        ReadOnlyInt(K.DownloadFirmwareRetries, 3, DefaultValueSource.Seed001, Vendor, required: false),
        ReadOnlyInt(K.UploadDiagnosticsInterval, 60, DefaultValueSource.Vendor, Vendor, required: false),
        ReadOnlyInt(K.UploadDiagnosticsRetries, 3, DefaultValueSource.Seed001, Vendor, required: false),
    ];

    private static ConfigurationKeyDefinition Bool(string name, bool value, DefaultValueSource source, string profile, bool required) => new()
    {
        Name = name, Type = ConfigurationValueType.Boolean, Access = ConfigurationAccess.ReadWrite,
        DefaultValue = value ? "true" : "false", DefaultSource = source, Profile = profile, RequiredBySpecification = required,
    };

    private static ConfigurationKeyDefinition ReadOnlyBool(string name, bool value, DefaultValueSource source, string profile, bool required) =>
        Bool(name, value, source, profile, required) with { Access = ConfigurationAccess.ReadOnly };

    private static ConfigurationKeyDefinition Int(
        string name, long value, DefaultValueSource source, string profile, long min, long max, string? unit, bool required) => new()
    {
        Name = name, Type = ConfigurationValueType.WholeNumber, Access = ConfigurationAccess.ReadWrite,
        DefaultValue = value.ToString(CultureInfo.InvariantCulture), DefaultSource = source, Profile = profile,
        RequiredBySpecification = required, MinValue = min, MaxValue = max, Unit = unit,
    };

    private static ConfigurationKeyDefinition ReadOnlyInt(string name, long value, DefaultValueSource source, string profile, bool required) =>
        Int(name, value, source, profile, 0, int.MaxValue, unit: null, required) with { Access = ConfigurationAccess.ReadOnly };

    private static ConfigurationKeyDefinition Measurands(string name, string value, string maxKey) => new()
    {
        Name = name, Type = ConfigurationValueType.MemberList, Access = ConfigurationAccess.ReadWrite, DefaultValue = value,
        DefaultSource = DefaultValueSource.Seed001, Profile = Core, RequiredBySpecification = true,
        AllowedValues = SupportedMeasurands, MaxMembersKey = maxKey,
    };

    private static ConfigurationKeyDefinition Choice(
        string name, string value, DefaultValueSource source, IReadOnlyList<string> allowed, bool rebootRequired) => new()
    {
        Name = name, Type = ConfigurationValueType.Text, Access = ConfigurationAccess.ReadWrite, DefaultValue = value,
        DefaultSource = source, Profile = Vendor, AllowedValues = allowed, RebootRequired = rebootRequired,
    };

    private static ConfigurationKeyDefinition Text(string name, string value, bool rebootRequired, int maxLength, string description) => new()
    {
        Name = name, Type = ConfigurationValueType.Text, Access = ConfigurationAccess.ReadWrite, DefaultValue = value,
        DefaultSource = DefaultValueSource.Vendor, Profile = Vendor, RebootRequired = rebootRequired, MaxLength = maxLength,
        Description = description,
    };

    private static ConfigurationKeyDefinition Secret(string name, string profile, int maxLength, string description) => new()
    {
        Name = name, Type = ConfigurationValueType.Text, Access = ConfigurationAccess.WriteOnly, DefaultValue = "",
        DefaultSource = DefaultValueSource.Vendor, Profile = profile, RebootRequired = true, MaxLength = maxLength,
        Description = description,
    };

    private static string? CheckPhaseRotation(string value)
    {
        foreach (var member in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dot = member.IndexOf('.', StringComparison.Ordinal);
            var rotation = dot < 0 ? member : member[(dot + 1)..];
            if (dot >= 0 && !int.TryParse(member.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return $"'{member}' must be a rotation or connectorId.rotation (e.g. 1.RST).";
            }

            if (!PhaseRotations.Contains(rotation, StringComparer.Ordinal))
            {
                return $"'{rotation}' is not a phase rotation; allowed values are {string.Join(", ", PhaseRotations)}.";
            }
        }

        return value.Length == 0 ? "at least one rotation is required." : null;
    }

    private static string? CheckChargePointId(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "the identity may not contain spaces or control characters." : null;

    private static string? CheckCentralSystemUrl(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == "ws" || uri.Scheme == "wss")
            ? null
            : $"'{value}' is not a ws:// or wss:// URL.";
    }
}
