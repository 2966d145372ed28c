namespace Evse.Ocpp.Messages;

/// <summary>An OCPP request payload; <typeparamref name="TConfirmation"/> is the payload its CALLRESULT carries.</summary>
/// <typeparam name="TConfirmation">The confirmation record of the same action.</typeparam>
#pragma warning disable CA1040 // The type parameter is the point: CallAsync infers the confirmation type from the request.
public interface IOcppRequest<TConfirmation> : IOcppRequest
    where TConfirmation : IOcppConfirmation
#pragma warning restore CA1040
{
}
