using Evse.Ocpp.Configuration;

namespace Evse.Ocpp.Tests.Configuration;

public class ConfigurationCatalogTests
{
    /// <summary>Every key of seed 000 §7.3.3 / seed 001 Figs. 18–19, spelled as OCPP spells it.</summary>
    public static TheoryData<string> SeedOcppTableKeys => new()
    {
        "AllowOfflineTxForUnknownId", "AuthorizationCacheEnabled", "AuthorizeRemoteTxRequests", "BlinkRepeat",
        "ClockAlignedDataInterval", "ConnectionTimeOut", "GetConfigurationMaxKeys", "HeartbeatInterval", "LightIntensity",
        "LocalAuthorizeOffline", "LocalPreAuthorize", "MaxEnergyOnInvalidId", "MeterValuesAlignedData",
        "MeterValuesAlignedDataMaxLength", "MeterValuesSampledData", "MeterValuesSampledDataMaxLength",
        "MeterValueSampleInterval", "MinimumStatusDuration", "NumberOfConnectors", "ResetRetries", "ConnectorPhaseRotation",
        "ConnectorPhaseRotationMaxLength", "StopTransactionOnEVSideDisconnect", "StopTransactionOnInvalidId",
        "StopTxnAlignedData", "StopTxnAlignedDataMaxLength", "StopTxnSampledData", "StopTxnSampledDataMaxLength",
        "SupportedFeatureProfiles", "SupportedFeatureProfilesMaxLength", "TransactionMessageAttempts",
        "TransactionMessageRetryInterval", "UnlockConnectorOnEVSideDisconnect", "WebSocketPingInterval",
        "LocalAuthListEnabled", "LocalAuthListMaxLength", "SendLocalListMaxLength", "ReserveConnectorZeroSupported",
        "ChargeProfileMaxStackLevel", "ChargingScheduleAllowedChargingRateUnit", "ChargingScheduleMaxPeriods",
        "ConnectorSwitch3to1PhaseSupported", "MaxChargingProfilesInstalled",
        // Service settings of Fig. 17
        "ChargePointId", "ProtocolName", "CentralSystemUrl", "BasicAuthId", "AuthorizationKey", "FtpServerUsername",
        "FtpServerPassword", "MessageTransportLayer", "BootNotificationInterval", "BootNotificationRetries", "PduTimeout",
        "DownloadFirmwareInterval", "DownloadFirmwareRetries", "UploadDiagnosticsInterval", "UploadDiagnosticsRetries",
        "RemoteServiceType",
    };

    /// <summary>Seed 001's value wins; seed 004 disagrees on AuthorizationCacheEnabled, ConnectionTimeOut, ResetRetries ...</summary>
    public static TheoryData<string, string> Seed001Defaults => new()
    {
        { "AllowOfflineTxForUnknownId", "true" },
        { "AuthorizationCacheEnabled", "true" },
        { "ConnectionTimeOut", "900" },
        { "GetConfigurationMaxKeys", "60" },
        { "MaxEnergyOnInvalidId", "7360" },
        { "MinimumStatusDuration", "10" },
        { "ResetRetries", "0" },
        { "MeterValuesSampledData", "Energy.Active.Import.Register" },
        { "StopTxnSampledData", "Current.Import,Energy.Active.Import.Register,Temperature,Voltage" },
        { "ConnectorPhaseRotation", "NotApplicable" },
        { "TransactionMessageAttempts", "10" },
        { "TransactionMessageRetryInterval", "10" },
        { "WebSocketPingInterval", "120" },
        { "LocalAuthListMaxLength", "100" },
        { "ChargeProfileMaxStackLevel", "99" },
        { "ChargingScheduleMaxPeriods", "32" },
        { "MaxChargingProfilesInstalled", "10" },
        { "BootNotificationInterval", "600" },
        { "BootNotificationRetries", "-1" },
        { "PduTimeout", "60" },
    };

    [Theory]
    [MemberData(nameof(SeedOcppTableKeys))]
    public void TryFind_KeyFromTheManualsTables_IsCatalogued(string key)
    {
        Assert.True(ConfigurationCatalog.TryFind(key, out var definition));
        Assert.Equal(key, definition.Name);
    }

    [Theory]
    [MemberData(nameof(Seed001Defaults))]
    public void DefaultValue_KeyShownInSeed001_IsSeed001Value(string key, string expected)
    {
        Assert.True(ConfigurationCatalog.TryFind(key, out var definition));
        Assert.Equal(expected, definition.DefaultValue);
    }

    [Fact]
    public void All_EveryDefault_PassesItsOwnValidation()
    {
        foreach (var definition in ConfigurationCatalog.All)
        {
            var max = definition.MaxMembersKey is { } k && ConfigurationCatalog.TryFind(k, out var m) ? int.Parse(m.DefaultValue, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
            Assert.True(definition.TryValidate(definition.DefaultValue, max, out var normalized, out var error), $"{definition.Name}: {error}");
            Assert.Equal(definition.DefaultValue, normalized);
        }
    }

    [Fact]
    public void All_Names_AreUniqueCiString50()
    {
        Assert.Equal(ConfigurationCatalog.All.Count, ConfigurationCatalog.All.Select(d => d.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(ConfigurationCatalog.All, d => Assert.InRange(d.Name.Length, 1, 50));
    }

    [Fact]
    public void All_EveryKey_HasADescriptionForThePortal()
    {
        Assert.All(ConfigurationCatalog.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Description), d.Name));
    }

    [Fact]
    public void All_FitInOneGetConfigurationAnswer()
    {
        Assert.True(ConfigurationCatalog.TryFind(OcppConfigurationKeys.GetConfigurationMaxKeys, out var max));
        Assert.True(ConfigurationCatalog.All.Count <= int.Parse(max.DefaultValue, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryFind_ManualSpellingHeartBeatInterval_FindsHeartbeatInterval()
    {
        Assert.True(ConfigurationCatalog.TryFind("HeartBeatInterval", out var definition));
        Assert.Equal("HeartbeatInterval", definition.Name);
    }

    [Fact]
    public void DefaultSource_Seed004OnlyKeys_NoneNeeded_BecauseSeed001CoversThem()
    {
        // Seed 004's list is a subset of seed 001's table, so seed 001 supplies every one of those defaults.
        string[] seed004 = ["StopTransactionOnEVSideDisconnect", "AuthorizationCacheEnabled", "ConnectionTimeOut", "MinimumStatusDuration",
            "BlinkRepeat", "LightIntensity", "MaxEnergyOnInvalidId", "ResetRetries", "MeterValuesSampledData", "MeterValuesAlignedData",
            "StopTxnAlignedData", "StopTxnSampledData", "ConnectorPhaseRotation"];
        Assert.All(seed004, k =>
        {
            Assert.True(ConfigurationCatalog.TryFind(k, out var d));
            Assert.Equal(DefaultValueSource.Seed001, d.DefaultSource);
        });
    }
}
