using Evse.Core.Ports;

namespace Evse.Core.Authorization;

/// <summary>
/// The next step of an authorization: either decided (<see cref="Outcome"/> set), or "send Authorize.req
/// and wait until <see cref="AskCentralSystemUntil"/>", then call
/// <see cref="AuthorizationDecider.OnCentralSystemAnswer"/> or <see cref="AuthorizationDecider.OnTimeout"/>.
/// </summary>
/// <param name="Outcome">The decision, or null while the Central System is asked.</param>
/// <param name="Info">The idTagInfo the decision rests on (its parentIdTag matters for stopping), if known.</param>
/// <param name="AskCentralSystemUntil">Send Authorize.req and wait until this time (Authorize Timeout).</param>
/// <param name="CacheUpdate">Store this in the authorization cache for the idTag (a Central System answer with the cache enabled).</param>
public sealed record AuthorizationStep(
    AuthorizationOutcome? Outcome,
    IdTagInfo? Info,
    DateTimeOffset? AskCentralSystemUntil,
    IdTagInfo? CacheUpdate)
{
    public bool Decided => Outcome is not null;

    internal static AuthorizationStep Done(AuthorizationStatus status, string source, IdTagInfo? info, IdTagInfo? cacheUpdate = null) =>
        new(new AuthorizationOutcome(status, source, info?.ParentIdTag), info, null, cacheUpdate);
}
