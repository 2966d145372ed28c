namespace Evse.Ocpp.Configuration;

/// <summary>Configuration key names exactly as OCPP 1.6 chapter 9 (and, for vendor keys, this product) spells them.</summary>
public static class OcppConfigurationKeys
{
    // Core profile (OCPP 1.6 §9.1)
    public const string AllowOfflineTxForUnknownId = nameof(AllowOfflineTxForUnknownId);
    public const string AuthorizationCacheEnabled = nameof(AuthorizationCacheEnabled);
    public const string AuthorizeRemoteTxRequests = nameof(AuthorizeRemoteTxRequests);
    public const string BlinkRepeat = nameof(BlinkRepeat);
    public const string ClockAlignedDataInterval = nameof(ClockAlignedDataInterval);
    public const string ConnectionTimeOut = nameof(ConnectionTimeOut);
    public const string ConnectorPhaseRotation = nameof(ConnectorPhaseRotation);
    public const string ConnectorPhaseRotationMaxLength = nameof(ConnectorPhaseRotationMaxLength);
    public const string GetConfigurationMaxKeys = nameof(GetConfigurationMaxKeys);
    public const string HeartbeatInterval = nameof(HeartbeatInterval);
    public const string LightIntensity = nameof(LightIntensity);
    public const string LocalAuthorizeOffline = nameof(LocalAuthorizeOffline);
    public const string LocalPreAuthorize = nameof(LocalPreAuthorize);
    public const string MaxEnergyOnInvalidId = nameof(MaxEnergyOnInvalidId);
    public const string MeterValuesAlignedData = nameof(MeterValuesAlignedData);
    public const string MeterValuesAlignedDataMaxLength = nameof(MeterValuesAlignedDataMaxLength);
    public const string MeterValuesSampledData = nameof(MeterValuesSampledData);
    public const string MeterValuesSampledDataMaxLength = nameof(MeterValuesSampledDataMaxLength);
    public const string MeterValueSampleInterval = nameof(MeterValueSampleInterval);
    public const string MinimumStatusDuration = nameof(MinimumStatusDuration);
    public const string NumberOfConnectors = nameof(NumberOfConnectors);
    public const string ResetRetries = nameof(ResetRetries);
    public const string StopTransactionOnEVSideDisconnect = nameof(StopTransactionOnEVSideDisconnect);
    public const string StopTransactionOnInvalidId = nameof(StopTransactionOnInvalidId);
    public const string StopTxnAlignedData = nameof(StopTxnAlignedData);
    public const string StopTxnAlignedDataMaxLength = nameof(StopTxnAlignedDataMaxLength);
    public const string StopTxnSampledData = nameof(StopTxnSampledData);
    public const string StopTxnSampledDataMaxLength = nameof(StopTxnSampledDataMaxLength);
    public const string SupportedFeatureProfiles = nameof(SupportedFeatureProfiles);
    public const string SupportedFeatureProfilesMaxLength = nameof(SupportedFeatureProfilesMaxLength);
    public const string TransactionMessageAttempts = nameof(TransactionMessageAttempts);
    public const string TransactionMessageRetryInterval = nameof(TransactionMessageRetryInterval);
    public const string UnlockConnectorOnEVSideDisconnect = nameof(UnlockConnectorOnEVSideDisconnect);
    public const string WebSocketPingInterval = nameof(WebSocketPingInterval);

    // Local Auth List Management profile (§9.2)
    public const string LocalAuthListEnabled = nameof(LocalAuthListEnabled);
    public const string LocalAuthListMaxLength = nameof(LocalAuthListMaxLength);
    public const string SendLocalListMaxLength = nameof(SendLocalListMaxLength);

    // Reservation profile (§9.3)
    public const string ReserveConnectorZeroSupported = nameof(ReserveConnectorZeroSupported);

    // Smart Charging profile (§9.4)
    public const string ChargeProfileMaxStackLevel = nameof(ChargeProfileMaxStackLevel);
    public const string ChargingScheduleAllowedChargingRateUnit = nameof(ChargingScheduleAllowedChargingRateUnit);
    public const string ChargingScheduleMaxPeriods = nameof(ChargingScheduleMaxPeriods);
    public const string ConnectorSwitch3to1PhaseSupported = nameof(ConnectorSwitch3to1PhaseSupported);
    public const string MaxChargingProfilesInstalled = nameof(MaxChargingProfilesInstalled);

    // Security whitepaper (profile 1/2 Basic auth password): the manuals' "Basic Auth Password".
    public const string AuthorizationKey = nameof(AuthorizationKey);

    // Vendor keys: the "Service Settings" of seeds 000/001 §7.3.3.
    public const string RemoteServiceType = nameof(RemoteServiceType);
    public const string ChargePointId = nameof(ChargePointId);
    public const string ProtocolName = nameof(ProtocolName);
    public const string CentralSystemUrl = nameof(CentralSystemUrl);
    public const string BasicAuthId = nameof(BasicAuthId);
    public const string FtpServerUsername = nameof(FtpServerUsername);
    public const string FtpServerPassword = nameof(FtpServerPassword);
    public const string MessageTransportLayer = nameof(MessageTransportLayer);
    public const string BootNotificationInterval = nameof(BootNotificationInterval);
    public const string BootNotificationRetries = nameof(BootNotificationRetries);
    public const string PduTimeout = nameof(PduTimeout);
    public const string DownloadFirmwareInterval = nameof(DownloadFirmwareInterval);
    public const string DownloadFirmwareRetries = nameof(DownloadFirmwareRetries);
    public const string UploadDiagnosticsInterval = nameof(UploadDiagnosticsInterval);
    public const string UploadDiagnosticsRetries = nameof(UploadDiagnosticsRetries);
}
