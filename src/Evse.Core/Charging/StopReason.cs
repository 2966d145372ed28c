namespace Evse.Core.Charging;

/// <summary>Why a session ended; the names are OCPP 1.6's StopTransaction reasons.</summary>
public enum StopReason
{
    Local,
    EVDisconnected,
    Remote,
    PowerLoss,
    Reboot,
    HardReset,
    SoftReset,
    EmergencyStop,
    DeAuthorized,
    UnlockCommand,
    Other,
}
