using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Evse.Ocpp.Outbox;

/// <summary>The one change the outbox makes to a stored payload before it goes out: the Central System's transactionId.</summary>
internal static class OutboxPayload
{
    private static ReadOnlySpan<byte> TransactionIdName => "transactionId"u8;

    /// <summary>
    /// Splices <paramref name="transactionId"/> in place of the value of every top-level transactionId, or appends the
    /// property when there is none. Only those bytes change (nested values, order and spacing stay as stored), so the
    /// schema check made at enqueue still holds: the value stays an integer. A scan with <see cref="Utf8JsonReader"/>
    /// instead of a parse into a DOM and a rewrite, because it runs for every replayed message.
    /// </summary>
    /// <exception cref="JsonException">The stored payload is not JSON (it was checked at enqueue, so a corrupt store).</exception>
    public static string WithTransactionId(string payloadJson, int transactionId)
    {
        var utf8 = Encoding.UTF8.GetBytes(payloadJson);
        Span<byte> id = stackalloc byte[16];
        transactionId.TryFormat(id, out var idLength, provider: CultureInfo.InvariantCulture);
        id = id[..idLength];

        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A stored payload is not a JSON object.");
        }

        var output = new ArrayBufferWriter<byte>(utf8.Length + 32);
        var copied = 0;
        var replaced = false;
        var anyProperty = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
            {
                if (!replaced)
                {
                    var end = (int)reader.TokenStartIndex;
                    output.Write(utf8.AsSpan(copied, end - copied));
                    output.Write(anyProperty ? ","u8 : ""u8);
                    output.Write("\"transactionId\":"u8);
                    output.Write(id);
                    copied = end;
                }

                break;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            anyProperty = true;
            var isTransactionId = reader.ValueTextEquals(TransactionIdName);
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isTransactionId)
            {
                output.Write(utf8.AsSpan(copied, valueStart - copied));
                output.Write(id);
                copied = (int)reader.BytesConsumed;
                replaced = true;
            }
        }

        output.Write(utf8.AsSpan(copied));
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
