using Evse.Core.Ports;

namespace Evse.Host.Station;

/// <summary>
/// Authorization when no Central System is configured: every card is accepted, and the charging record
/// keeps who charged (a home or private charger; seed 004 calls this "authentication-free" for RFID).
/// With OCPP configured the OCPP authorizer (local list, cache, Central System) replaces this.
/// </summary>
public sealed class StandaloneAuthorizer : IAuthorizer
{
    public Task<AuthorizationOutcome> AuthorizeAsync(int connectorId, string idTag, CancellationToken cancellationToken) =>
        Task.FromResult(new AuthorizationOutcome(AuthorizationStatus.Accepted, "Standalone"));
}
