using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Evse.Ocpp.Framing;

/// <summary>Writes OCPP-J frames as compact JSON text around payloads that are already serialized.</summary>
public static class OcppFrameWriter
{
    // Frames never end up in HTML, so quotes may be written as \" rather than \u0022: log lines stay readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>[2,"id","Action",payload]</c>.</summary>
    public static string Call(string messageId, string action, ReadOnlySpan<byte> payloadUtf8Json)
    {
        var buffer = new ArrayBufferWriter<byte>(payloadUtf8Json.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue((int)OcppMessageType.Call);
            writer.WriteStringValue(messageId);
            writer.WriteStringValue(action);
            writer.WriteRawValue(payloadUtf8Json, skipInputValidation: true);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary><c>[3,"id",payload]</c>.</summary>
    public static string CallResult(string messageId, ReadOnlySpan<byte> payloadUtf8Json)
    {
        var buffer = new ArrayBufferWriter<byte>(payloadUtf8Json.Length + 48);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue((int)OcppMessageType.CallResult);
            writer.WriteStringValue(messageId);
            writer.WriteRawValue(payloadUtf8Json, skipInputValidation: true);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary><c>[4,"id","ErrorCode","description",{}]</c>; details are always an empty object.</summary>
    public static string CallError(string messageId, OcppErrorCode code, string description)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue((int)OcppMessageType.CallError);
            writer.WriteStringValue(messageId);
            writer.WriteStringValue(OcppErrorCodes.ToWire(code));
            writer.WriteStringValue(description);
            writer.WriteStartObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
