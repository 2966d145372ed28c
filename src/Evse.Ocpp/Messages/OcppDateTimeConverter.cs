using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Evse.Ocpp.Messages;

/// <summary>
/// Writes OCPP dateTime values in UTC as ISO 8601 with a 'Z' suffix, and milliseconds only when they are not zero
/// (<c>2026-01-05T08:00:00Z</c>, <c>2026-01-05T08:00:00.250Z</c>); sub-millisecond ticks are dropped because
/// Central Systems commonly parse at most three fraction digits. Reads any RFC 3339 date-time (any offset) and
/// normalises it to UTC. A value without an offset is refused: OCPP times are absolute, and guessing a zone is how
/// chargers end up an hour off after a DST change.
/// </summary>
public sealed class OcppDateTimeConverter : JsonConverter<DateTimeOffset>
{
    private const string WholeSeconds = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'";
    private const string WithMilliseconds = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    /// <summary>Formats <paramref name="value"/> exactly as it goes on the wire.</summary>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc.ToString(utc.Millisecond == 0 ? WholeSeconds : WithMilliseconds, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses an RFC 3339 date-time with an explicit offset or 'Z'.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (!OcppDateTimeSyntax.IsRfc3339DateTime(text))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }

    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !TryParse(reader.GetString(), out var value))
        {
            throw new JsonException("An OCPP dateTime must be an RFC 3339 string with an offset or 'Z'.");
        }

        return value;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));
}
