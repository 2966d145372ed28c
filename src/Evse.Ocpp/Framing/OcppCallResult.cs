using System.Text.Json;

namespace Evse.Ocpp.Framing;

/// <summary>A CALLRESULT frame <c>[3, id, payload]</c>; <see cref="Payload"/> is a JSON object.</summary>
public sealed record OcppCallResult(string MessageId, JsonElement Payload) : OcppFrame(MessageId)
{
    /// <inheritdoc/>
    public override OcppMessageType MessageType => OcppMessageType.CallResult;
}
