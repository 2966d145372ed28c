using System.Text.Json;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Outbox;
using Evse.Ocpp.Rpc;

namespace Evse.Benchmarks.Backlog;

/// <summary>Sends outbox messages through the real dispatcher, as ChargePointService does once the boot is accepted.</summary>
internal sealed class DispatcherOutboxSender(OcppRpcDispatcher dispatcher, ReplayProfile? profile = null) : IOutboxSender
{
    public async Task<OutboxSendResult> SendAsync(string action, string payloadJson, CancellationToken cancellationToken) => action switch
    {
        "StartTransaction" => await CallAsync<StartTransactionRequest, StartTransactionConfirmation>(action, payloadJson, cancellationToken),
        "StopTransaction" => await CallAsync<StopTransactionRequest, StopTransactionConfirmation>(action, payloadJson, cancellationToken),
        "MeterValues" => await CallAsync<MeterValuesRequest, MeterValuesConfirmation>(action, payloadJson, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private async Task<OutboxSendResult> CallAsync<TRequest, TConfirmation>(string actionName, string payloadJson, CancellationToken cancellationToken)
        where TRequest : class, IOcppRequest<TConfirmation>
        where TConfirmation : class, IOcppConfirmation
    {
        profile?.Lap("outbox: transactionId rewrite");
        OcppActions.TryGet(actionName, out var action);
        var request = (TRequest)JsonSerializer.Deserialize(payloadJson, action!.RequestTypeInfo)!;
        profile?.Lap("sender: deserialize stored payload to the request record");
        var outcome = await dispatcher.CallAsync(request, cancellationToken);
        profile?.Lap("dispatcher: resume caller, schema-validate + deserialize confirmation");
        var result = outcome.Status switch
        {
            OcppCallStatus.Confirmed => OutboxSendResult.Confirmed(JsonSerializer.Serialize(outcome.Confirmation, action.ConfirmationTypeInfo)),
            OcppCallStatus.Timeout => OutboxSendResult.Timeout,
            OcppCallStatus.Disconnected => OutboxSendResult.NotConnected,
            _ => OutboxSendResult.CallError(outcome.ErrorCode?.ToString() ?? "GenericError", outcome.ErrorDescription ?? string.Empty),
        };
        profile?.Lap("sender: serialize confirmation back to JSON");
        return result;
    }
}
