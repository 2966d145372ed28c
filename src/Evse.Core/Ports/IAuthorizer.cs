namespace Evse.Core.Ports;

/// <summary>Decides whether an idTag may charge: local list, cache, Central System, offline rules.</summary>
public interface IAuthorizer
{
    Task<AuthorizationOutcome> AuthorizeAsync(int connectorId, string idTag, CancellationToken cancellationToken);
}
