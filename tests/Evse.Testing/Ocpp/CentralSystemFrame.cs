using System.Text.Json.Nodes;

namespace Evse.Testing.Ocpp;

/// <summary>One WebSocket text frame as the scripted Central System saw it, in wire order.</summary>
/// <param name="FromChargePoint">True for frames the charge point sent, false for the Central System's own.</param>
/// <param name="Text">The frame exactly as on the wire.</param>
public sealed record CentralSystemFrame(bool FromChargePoint, string Text)
{
    private JsonArray? _parsed;

    public JsonArray Array => _parsed ??= (JsonArray)JsonNode.Parse(Text)!;

    public int MessageType => Array[0]!.GetValue<int>();

    public string MessageId => Array[1]!.GetValue<string>();

    /// <summary>The action of a CALL, or null.</summary>
    public string? Action => MessageType == 2 ? Array[2]!.GetValue<string>() : null;

    /// <summary>The payload of a CALL or CALLRESULT as compact JSON.</summary>
    public string PayloadJson => (MessageType == 2 ? Array[3] : Array[2])!.ToJsonString();

    public JsonObject Payload => (JsonObject)(MessageType == 2 ? Array[3] : Array[2])!;
}
