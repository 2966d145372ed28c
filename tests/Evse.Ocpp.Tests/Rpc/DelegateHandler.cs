using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;

namespace Evse.Ocpp.Tests.Rpc;

/// <summary>A handler made of a lambda, for tests.</summary>
internal sealed class DelegateHandler<TRequest, TConfirmation>(Func<TRequest, CancellationToken, ValueTask<OcppHandlerResult<TConfirmation>>> handle)
    : IOcppRequestHandler<TRequest, TConfirmation>
    where TRequest : IOcppRequest<TConfirmation>
    where TConfirmation : class, IOcppConfirmation
{
    public List<TRequest> Received { get; } = [];

    public ValueTask<OcppHandlerResult<TConfirmation>> HandleAsync(TRequest request, CancellationToken cancellationToken)
    {
        Received.Add(request);
        return handle(request, cancellationToken);
    }
}
