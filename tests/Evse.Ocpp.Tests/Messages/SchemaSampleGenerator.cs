using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Evse.Ocpp.Tests.Messages;

/// <summary>
/// Builds valid payloads straight from an official schema, so the round-trip tests cover every message and every
/// property without 78 hand-written instances. Values are written the way our serializer writes them (dates in UTC
/// with 'Z', milliseconds only when not zero) so a round trip must reproduce the JSON exactly.
/// </summary>
internal sealed class SchemaSampleGenerator(JsonElement schema, Random random, bool allOptional)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_ .:/";

    public JsonObject Generate() => (JsonObject)Generate(schema)!;

    private JsonNode? Generate(JsonElement node)
    {
        if (node.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/definitions/".Length..];
            return Generate(schema.GetProperty("definitions").GetProperty(name));
        }

        if (node.TryGetProperty("enum", out var options))
        {
            var values = options.EnumerateArray().ToArray();
            return JsonValue.Create(values[random.Next(values.Length)].GetString());
        }

        var type = node.GetProperty("type").GetString();
        switch (type)
        {
            case "object":
                var result = new JsonObject();
                var required = node.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
                if (node.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        if (required.Contains(property.Name) || allOptional || random.Next(2) == 0)
                        {
                            result[property.Name] = Generate(property.Value);
                        }
                    }
                }

                return result;
            case "array":
                var array = new JsonArray();
                var min = node.TryGetProperty("minItems", out var m) ? m.GetInt32() : 0;
                var count = Math.Max(min, random.Next(allOptional ? 1 : 0, 4));
                for (var i = 0; i < count; i++)
                {
                    array.Add(Generate(node.GetProperty("items")));
                }

                return array;
            case "integer":
                return JsonValue.Create(random.Next(-1000, 1_000_000));
            case "number":
                // multipleOf 0.1 in every OCPP number: one decimal, as a charging limit in A or W would have.
                return JsonNode.Parse((random.Next(0, 100_000) / 10m).ToString("0.0", CultureInfo.InvariantCulture));
            case "boolean":
                return JsonValue.Create(random.Next(2) == 0);
            case "string":
                return JsonValue.Create(GenerateString(node));
            default:
                throw new InvalidOperationException($"Unexpected type {type}.");
        }
    }

    private string GenerateString(JsonElement node)
    {
        if (node.TryGetProperty("format", out var format))
        {
            if (format.GetString() == "date-time")
            {
                var time = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)
                    .AddSeconds(random.Next(0, 300_000_000))
                    .AddMilliseconds(random.Next(2) == 0 ? 0 : random.Next(1, 1000));
                return time.ToString(time.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            }

            return "https://cs.example.com/upload/" + random.Next(1000).ToString(CultureInfo.InvariantCulture);
        }

        var max = node.TryGetProperty("maxLength", out var l) ? l.GetInt32() : 40;
        var length = allOptional ? max : random.Next(1, Math.Min(max, 40) + 1);
        return string.Create(length, random, (span, rng) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[rng.Next(Alphabet.Length)];
            }
        });
    }
}
