using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Evse.Ocpp.Outbox;

/// <summary>The one change the outbox makes to a stored payload before it goes out: the Central System's transactionId.</summary>
internal static class OutboxPayload
{
    private const string TransactionIdProperty = "transactionId";

    // The payload goes on the wire as written; relaxed escaping keeps its strings as the producer wrote them.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Copies the top-level object, writing <paramref name="transactionId"/> in place of the top-level transactionId
    /// (appended when absent). Nested values are copied as they are, so nothing else can change; the schema check made
    /// at enqueue still holds because the value stays an integer.
    /// </summary>
    public static string WithTransactionId(string payloadJson, int transactionId)
    {
        using var document = JsonDocument.Parse(payloadJson);
        var buffer = new ArrayBufferWriter<byte>(payloadJson.Length + 32);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var written = false;
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals(TransactionIdProperty))
                {
                    if (!written)
                    {
                        writer.WriteNumber(TransactionIdProperty, transactionId);
                        written = true;
                    }
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            if (!written)
            {
                writer.WriteNumber(TransactionIdProperty, transactionId);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
