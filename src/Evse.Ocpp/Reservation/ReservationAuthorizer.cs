using Evse.Core.Ports;

namespace Evse.Ocpp.Reservation;

/// <summary>
/// Wraps the OCPP authorizer: an id the Central System (or the local list, cache, offline rules) accepts is still
/// refused when a reservation holds the connector for someone else, or when it would take the last free connector
/// a connector-0 reservation keeps (OCPP 1.6 §5.13). The parentIdTag is known only after authorization, which is why
/// this check runs after it.
/// </summary>
/// <remarks>
/// The refusal reports <see cref="AuthorizationStatus.Invalid"/> with source <see cref="ReservationService.RefusalSource"/>:
/// the Core only asks "accepted or not", the id itself is not cached as invalid, and the source names the reason in the log.
/// </remarks>
/// <param name="inner">The OCPP authorizer.</param>
/// <param name="reservations">Looked up at the first call: the station needs the authorizer before the reservations can have the station.</param>
public sealed class ReservationAuthorizer(IAuthorizer inner, Func<ReservationService> reservations) : IAuthorizer
{
    public async Task<AuthorizationOutcome> AuthorizeAsync(int connectorId, string idTag, CancellationToken cancellationToken)
    {
        var outcome = await inner.AuthorizeAsync(connectorId, idTag, cancellationToken).ConfigureAwait(false);
        return Admit(connectorId, idTag, outcome);
    }

    public AuthorizationOutcome DecideAfterTimeout(int connectorId, string idTag) =>
        Admit(connectorId, idTag, inner.DecideAfterTimeout(connectorId, idTag));

    private AuthorizationOutcome Admit(int connectorId, string idTag, AuthorizationOutcome outcome)
    {
        if (!outcome.Accepted)
        {
            return outcome;
        }

        return reservations().Admit(connectorId, idTag).Allowed
            ? outcome
            : new AuthorizationOutcome(AuthorizationStatus.Invalid, ReservationService.RefusalSource);
    }
}
