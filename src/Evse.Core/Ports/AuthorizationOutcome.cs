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
/// <param name="ParentIdTag">OCPP idTagInfo.parentIdTag when the answer named one: a card of the same parent may stop the session (OCPP 1.6 §3.5.2).</param>
public sealed record AuthorizationOutcome(AuthorizationStatus Status, string Source, string? ParentIdTag = null)
{
    public bool Accepted => Status == AuthorizationStatus.Accepted;
}
