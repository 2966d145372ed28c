using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;

namespace Evse.Ocpp.Validation;

/// <summary>
/// Validates OCPP 1.6 payloads against the official JSON schemas (embedded, byte-identical to the OCA file), with
/// our own implementation of the draft-07 keywords those schemas use. Each violation maps to an OCPP-J error code:
/// <list type="bullet">
/// <item>payload not a JSON object, or a property the schema does not allow (additionalProperties false): FormationViolation</item>
/// <item>a required property missing, too few or too many array items: OccurenceConstraintViolation</item>
/// <item>a value of the wrong JSON type (string for integer, 1.5 for integer, ...): TypeConstraintViolation</item>
/// <item>enum, maxLength/minLength, minimum/maximum, multipleOf, format, integer outside 32 bits: PropertyConstraintViolation</item>
/// </list>
/// OCPP 1.6 §4 defines <c>integer</c> as 32-bit signed, so larger integral numbers are refused here rather than
/// failing later in deserialization. The first violation in document order is reported.
/// </summary>
public sealed class OcppSchemaValidator
{
    /// <summary>Name of the embedded schema resource.</summary>
    public const string ResourceName = "Evse.Ocpp.Validation.ocpp1_6-schemas.json";

    private static readonly Lazy<OcppSchemaValidator> Embedded = new(LoadEmbedded);

    private readonly FrozenDictionary<string, SchemaNode> _schemas;

    private OcppSchemaValidator(FrozenDictionary<string, SchemaNode> schemas) => _schemas = schemas;

    /// <summary>The validator built from the embedded official schemas (built once, thread-safe, immutable).</summary>
    public static OcppSchemaValidator Default => Embedded.Value;

    /// <summary>Number of schemas loaded (78 for the official file).</summary>
    public int SchemaCount => _schemas.Count;

    /// <summary>Builds a validator from a JSON array of schemas with <c>$id</c> <c>urn:Action.req|conf</c>.</summary>
    public static OcppSchemaValidator FromJson(ReadOnlySpan<byte> schemaArrayUtf8)
    {
        var reader = new Utf8JsonReader(schemaArrayUtf8);
        using var document = JsonDocument.ParseValue(ref reader);
        var schemas = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var schema in document.RootElement.EnumerateArray())
        {
            var id = schema.GetProperty("$id").GetString() ?? throw new InvalidOperationException("Schema without $id.");
            schemas.Add(id, SchemaCompiler.Compile(schema));
        }

        return new OcppSchemaValidator(schemas.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>True when a schema exists for this action and payload kind.</summary>
    public bool HasSchema(string action, OcppPayloadKind kind) => _schemas.ContainsKey(SchemaId(action, kind));

    /// <summary>Validates <paramref name="payload"/> against the schema of <paramref name="action"/>.</summary>
    /// <exception cref="ArgumentException">No schema for that action (callers check the action registry first).</exception>
    public SchemaValidationResult Validate(string action, OcppPayloadKind kind, JsonElement payload)
    {
        if (!_schemas.TryGetValue(SchemaId(action, kind), out var schema))
        {
            throw new ArgumentException($"No schema for {action} {kind}.", nameof(action));
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return SchemaValidationResult.Invalid(OcppErrorCode.FormationViolation, "Payload is not a JSON object.");
        }

        return Check(schema, payload, string.Empty);
    }

    private static string SchemaId(string action, OcppPayloadKind kind) =>
        "urn:" + action + (kind == OcppPayloadKind.Request ? ".req" : ".conf");

    private static OcppSchemaValidator LoadEmbedded()
    {
        using var stream = typeof(OcppSchemaValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return FromJson(memory.GetBuffer().AsSpan(0, (int)memory.Length));
    }

    private static SchemaValidationResult Check(SchemaNode schema, JsonElement value, string path)
    {
        if (schema.Types is { } types && !types.Any(t => HasType(value, t)))
        {
            return Fail(OcppErrorCode.TypeConstraintViolation, path, $"expected {string.Join(" or ", types)}, got {Describe(value)}");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return CheckObject(schema, value, path);
            case JsonValueKind.Array:
                return CheckArray(schema, value, path);
            case JsonValueKind.String:
                return CheckString(schema, value, path);
            case JsonValueKind.Number:
                return CheckNumber(schema, value, path);
            default:
                return CheckEnum(schema, value, path);
        }
    }

    private static SchemaValidationResult CheckObject(SchemaNode schema, JsonElement value, string path)
    {
        foreach (var name in schema.Required)
        {
            if (!value.TryGetProperty(name, out _))
            {
                return Fail(OcppErrorCode.OccurenceConstraintViolation, path + "/" + name, "required property is missing");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var childPath = path + "/" + property.Name;
            if (!seen.Add(property.Name))
            {
                return Fail(OcppErrorCode.FormationViolation, childPath, "property appears twice");
            }

            if (schema.Properties is not null && schema.Properties.TryGetValue(property.Name, out var child))
            {
                var result = Check(child, property.Value, childPath);
                if (!result.IsValid)
                {
                    return result;
                }
            }
            else if (!schema.AdditionalPropertiesAllowed)
            {
                return Fail(OcppErrorCode.FormationViolation, childPath, "property is not allowed here");
            }
        }

        return CheckEnum(schema, value, path);
    }

    private static SchemaValidationResult CheckArray(SchemaNode schema, JsonElement value, string path)
    {
        var count = value.GetArrayLength();
        if (schema.MinItems is { } min && count < min)
        {
            return Fail(OcppErrorCode.OccurenceConstraintViolation, path, $"{count} items, at least {min} required");
        }

        if (schema.MaxItems is { } max && count > max)
        {
            return Fail(OcppErrorCode.OccurenceConstraintViolation, path, $"{count} items, at most {max} allowed");
        }

        if (schema.Items is { } items)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var result = Check(items, item, path + "/" + index.ToString(CultureInfo.InvariantCulture));
                if (!result.IsValid)
                {
                    return result;
                }

                index++;
            }
        }

        return CheckEnum(schema, value, path);
    }

    private static SchemaValidationResult CheckString(SchemaNode schema, JsonElement value, string path)
    {
        var text = value.GetString()!;
        if (schema.MaxLength is not null || schema.MinLength is not null)
        {
            // JSON Schema counts characters as Unicode code points, not UTF-16 units.
            var length = text.EnumerateRunes().Count();
            if (schema.MaxLength is { } max && length > max)
            {
                return Fail(OcppErrorCode.PropertyConstraintViolation, path, $"{length} characters, at most {max} allowed");
            }

            if (schema.MinLength is { } min && length < min)
            {
                return Fail(OcppErrorCode.PropertyConstraintViolation, path, $"{length} characters, at least {min} required");
            }
        }

        if (schema.Format == "date-time" && !OcppDateTimeSyntax.IsRfc3339DateTime(text))
        {
            return Fail(OcppErrorCode.PropertyConstraintViolation, path, "not an RFC 3339 date-time");
        }

        if (schema.Format == "uri" && !Uri.TryCreate(text, UriKind.Absolute, out _))
        {
            return Fail(OcppErrorCode.PropertyConstraintViolation, path, "not an absolute URI");
        }

        return CheckEnum(schema, value, path);
    }

    private static SchemaValidationResult CheckNumber(SchemaNode schema, JsonElement value, string path)
    {
        if (!value.TryGetDecimal(out var number))
        {
            return Fail(OcppErrorCode.PropertyConstraintViolation, path, "number is out of range");
        }

        if (schema.Types is { } types && types.Contains("integer") && !types.Contains("number")
            && number is < int.MinValue or > int.MaxValue)
        {
            return Fail(OcppErrorCode.PropertyConstraintViolation, path, "integer does not fit in 32 bits");
        }

        if (schema.Minimum is { } min && number < min)
        {
            return Fail(OcppErrorCode.PropertyConstraintViolation, path, $"{Format(number)} is below the minimum {Format(min)}");
        }

        if (schema.Maximum is { } max && number > max)
        {
            return Fail(OcppErrorCode.PropertyConstraintViolation, path, $"{Format(number)} is above the maximum {Format(max)}");
        }

        if (schema.MultipleOf is { } step && number % step != 0)
        {
            return Fail(OcppErrorCode.PropertyConstraintViolation, path, $"{Format(number)} is not a multiple of {Format(step)}");
        }

        return CheckEnum(schema, value, path);
    }

    private static SchemaValidationResult CheckEnum(SchemaNode schema, JsonElement value, string path)
    {
        if (schema.Enum is not { } allowed || allowed.Any(a => JsonElement.DeepEquals(a, value)))
        {
            return SchemaValidationResult.Valid;
        }

        var list = new StringBuilder();
        foreach (var option in allowed.Take(6))
        {
            list.Append(list.Length == 0 ? string.Empty : ", ").Append(option.ToString());
        }

        if (allowed.Count > 6)
        {
            list.Append(", ...");
        }

        return Fail(OcppErrorCode.PropertyConstraintViolation, path, $"{Shorten(value.GetRawText())} is not one of {list}");
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsIntegral(value),
        _ => false,
    };

    // Draft-07: an integer is any number with a zero fractional part, so 5.0 counts and 5.5 does not.
    private static bool IsIntegral(JsonElement value)
    {
        if (value.TryGetInt64(out _))
        {
            return true;
        }

        if (value.TryGetDecimal(out var number))
        {
            return decimal.Truncate(number) == number;
        }

        return value.TryGetDouble(out var real) && double.IsFinite(real) && Math.Floor(real) == real;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => IsIntegral(value) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static SchemaValidationResult Fail(OcppErrorCode code, string path, string message) =>
        SchemaValidationResult.Invalid(code, (path.Length == 0 ? "/" : path) + ": " + message);
}
