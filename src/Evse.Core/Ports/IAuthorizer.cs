namespace Evse.Core.Ports;

/// <summary>Decides whether an idTag may charge: local list, cache, Central System, offline rules.</summary>
public interface IAuthorizer
{
    Task<AuthorizationOutcome> AuthorizeAsync(int connectorId, string idTag, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="AuthorizeAsync"/> gave no answer within Authorize Timeout (seed 001): decide now without the
    /// Central System, by the offline rules (local list, cache, LocalAuthorizeOffline, AllowOfflineTxForUnknownId;
    /// see <see cref="Authorization.AuthorizationDecider.OnTimeout"/>). Must not block. An authorizer with no
    /// offline knowledge refuses, which is this default.
    /// </summary>
    AuthorizationOutcome DecideAfterTimeout(int connectorId, string idTag) => new(AuthorizationStatus.Invalid, TimeoutSource);

    /// <summary>The <see cref="AuthorizationOutcome.Source"/> of a refusal for want of an answer.</summary>
    public const string TimeoutSource = "Timeout";
}
