using System.Text.Json;
using System.Text.Json.Serialization;

namespace Evse.Ocpp.Messages;

/// <summary>
/// Reads OCPP integers the way JSON Schema draft-07 defines them: any number with a zero fractional part, so
/// <c>1.0</c> is accepted like <c>1</c> (the validator already let it through; refusing it afterwards would answer
/// a schema-valid CALL with an error). Writes plain integers.
/// </summary>
public sealed class OcppIntegerConverter : JsonConverter<int>
{
    /// <inheritdoc/>
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out var value))
            {
                return value;
            }

            if (reader.TryGetDecimal(out var number) && decimal.Truncate(number) == number && number is >= int.MinValue and <= int.MaxValue)
            {
                return (int)number;
            }
        }

        throw new JsonException("An OCPP integer must be a whole number that fits in 32 bits.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
