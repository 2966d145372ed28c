using Evse.Ocpp.Messages;

namespace Evse.Ocpp.Rpc;

/// <summary>
/// Sends CALLs to the Central System. The profile and outbox code depend on this rather than on
/// <see cref="OcppRpcDispatcher"/>, so they can be tested with a scripted fake.
/// </summary>
public interface IOcppCaller
{
    /// <summary>True while a connection to the Central System is open.</summary>
    bool IsConnected { get; }

    /// <summary>Sends <paramref name="request"/> when it is its turn (one outstanding CALL at a time) and waits for the answer.</summary>
    Task<OcppCallOutcome<TConfirmation>> CallAsync<TConfirmation>(IOcppRequest<TConfirmation> request, CancellationToken cancellationToken)
        where TConfirmation : class, IOcppConfirmation;
}
