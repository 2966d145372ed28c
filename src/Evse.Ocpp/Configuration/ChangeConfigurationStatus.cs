namespace Evse.Ocpp.Configuration;

/// <summary>OCPP 1.6 ChangeConfiguration.conf status, one to one.</summary>
public enum ChangeConfigurationStatus
{
    Accepted,
    Rejected,
    RebootRequired,
    NotSupported,
}
