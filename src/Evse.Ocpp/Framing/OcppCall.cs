using System.Text.Json;

namespace Evse.Ocpp.Framing;

/// <summary>A CALL frame <c>[2, id, action, payload]</c>; <see cref="Payload"/> is a JSON object.</summary>
public sealed record OcppCall(string MessageId, string Action, JsonElement Payload) : OcppFrame(MessageId)
{
    /// <inheritdoc/>
    public override OcppMessageType MessageType => OcppMessageType.Call;
}
