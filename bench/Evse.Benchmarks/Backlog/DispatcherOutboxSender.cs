using Evse.Ocpp.Outbox;
using Evse.Ocpp.Rpc;

namespace Evse.Benchmarks.Backlog;

/// <summary>Sends outbox messages through the real dispatcher, as ChargePointService does once the boot is accepted
/// (the stored JSON through <see cref="OcppRpcDispatcher.CallPreparedAsync"/>).</summary>
internal sealed class DispatcherOutboxSender(OcppRpcDispatcher dispatcher, ReplayProfile? profile = null) : IOutboxSender
{
    public async Task<OutboxSendResult> SendAsync(string action, string payloadJson, CancellationToken cancellationToken)
    {
        profile?.Lap("outbox: transactionId rewrite");
        var outcome = await dispatcher.CallPreparedAsync(action, payloadJson, cancellationToken);
        profile?.Lap("dispatcher: resume caller, schema-validate confirmation");
        var result = outcome.Status switch
        {
            OcppCallStatus.Confirmed => OutboxSendResult.Confirmed(outcome.ConfirmationJson!),
            OcppCallStatus.Timeout => OutboxSendResult.Timeout,
            OcppCallStatus.Disconnected => OutboxSendResult.NotConnected,
            _ => OutboxSendResult.CallError(outcome.ErrorCode?.ToString() ?? "GenericError", outcome.ErrorDescription ?? string.Empty),
        };
        profile?.Lap("sender: map the outcome");
        return result;
    }
}
