using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;

namespace Evse.Ocpp.Rpc;

/// <summary>Action name to handler. Filled once at start-up by the host, then read by the dispatcher.</summary>
public sealed class OcppHandlerRegistry
{
    private readonly Dictionary<string, Func<JsonElement, CancellationToken, ValueTask<HandlerAnswer>>> _handlers = new(StringComparer.Ordinal);

    /// <summary>Actions with a handler.</summary>
    public IReadOnlyCollection<string> Actions => _handlers.Keys;

    /// <summary>
    /// Registers the handler of one Central System action. Registering an action twice, or one only a charge point
    /// sends (e.g. BootNotification), is a wiring bug and throws.
    /// </summary>
    public OcppHandlerRegistry Register<TRequest, TConfirmation>(IOcppRequestHandler<TRequest, TConfirmation> handler)
        where TRequest : IOcppRequest<TConfirmation>
        where TConfirmation : class, IOcppConfirmation
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!OcppActions.TryGetByRequestType(typeof(TRequest), out var action))
        {
            throw new ArgumentException($"{typeof(TRequest).Name} is not an OCPP request record.", nameof(handler));
        }

        if (!action.IsCalledByCentralSystem)
        {
            throw new ArgumentException($"{action.Name} is sent by the charge point; the Central System never calls it.", nameof(handler));
        }

        var requestInfo = (JsonTypeInfo<TRequest>)action.RequestTypeInfo;
        var confirmationInfo = (JsonTypeInfo<TConfirmation>)action.ConfirmationTypeInfo;
        _handlers.Add(action.Name, async (payload, ct) =>
        {
            var request = payload.Deserialize(requestInfo)
                ?? throw new JsonException("Payload deserialized to null.");
            var result = await handler.HandleAsync(request, ct).ConfigureAwait(false);
            return result.Confirmation is { } confirmation
                ? new HandlerAnswer(JsonSerializer.SerializeToUtf8Bytes(confirmation, confirmationInfo), OcppErrorCode.GenericError, string.Empty)
                : new HandlerAnswer(null, result.ErrorCode, result.ErrorDescription);
        });
        return this;
    }

    internal bool TryGet(string action, out Func<JsonElement, CancellationToken, ValueTask<HandlerAnswer>> handler) =>
        _handlers.TryGetValue(action, out handler!);

    /// <summary>A serialized confirmation, or the error to send instead.</summary>
    internal readonly record struct HandlerAnswer(byte[]? ConfirmationUtf8, OcppErrorCode ErrorCode, string ErrorDescription);
}
