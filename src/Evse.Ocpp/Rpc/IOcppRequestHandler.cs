using Evse.Ocpp.Messages;

namespace Evse.Ocpp.Rpc;

/// <summary>
/// Handles one Central System action. The request has passed the official schema before it gets here. Throwing is
/// a bug and becomes an InternalError CALLERROR plus an error log. A handler may await its own CALLs (e.g.
/// StatusNotification), since incoming CALLs run off the receive loop, but the Central System waits for the
/// answer, so slow work belongs after the reply.
/// </summary>
/// <typeparam name="TRequest">The request record.</typeparam>
/// <typeparam name="TConfirmation">Its confirmation record.</typeparam>
public interface IOcppRequestHandler<in TRequest, TConfirmation>
    where TRequest : IOcppRequest<TConfirmation>
    where TConfirmation : class, IOcppConfirmation
{
    /// <summary>Produces the answer to <paramref name="request"/>.</summary>
    ValueTask<OcppHandlerResult<TConfirmation>> HandleAsync(TRequest request, CancellationToken cancellationToken);
}
