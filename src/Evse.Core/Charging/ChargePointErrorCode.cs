namespace Evse.Core.Charging;

/// <summary>OCPP 1.6 ChargePointErrorCode, sent with every StatusNotification.</summary>
public enum ChargePointErrorCode
{
    NoError,
    ConnectorLockFailure,
    EVCommunicationError,
    GroundFailure,
    HighTemperature,
    InternalError,
    LocalListConflict,
    OtherError,
    OverCurrentFailure,
    OverVoltage,
    PowerMeterFailure,
    PowerSwitchFailure,
    ReaderFailure,
    ResetFailure,
    UnderVoltage,
    WeakSignal,
}
