namespace Evse.Core.Ports;

/// <summary>The answer to an authorization: OCPP's AuthorizationStatus, and where it came from.</summary>
public enum AuthorizationStatus
{
    Accepted,
    Blocked,
    Expired,
    Invalid,
    ConcurrentTx,
}

/// <param name="Status">OCPP idTagInfo.status.</param>
/// <param name="Source">"LocalList", "Cache", "CentralSystem", "Offline", "Standalone", "Timeout": for the logs and the portal.</param>
public sealed record AuthorizationOutcome(AuthorizationStatus Status, string Source)
{
    public bool Accepted => Status == AuthorizationStatus.Accepted;
}
