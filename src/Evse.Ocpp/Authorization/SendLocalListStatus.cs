namespace Evse.Ocpp.Authorization;

/// <summary>OCPP 1.6 UpdateStatus of SendLocalList.conf.</summary>
public enum SendLocalListStatus
{
    Accepted,
    Failed,
    NotSupported,
    VersionMismatch,
}
