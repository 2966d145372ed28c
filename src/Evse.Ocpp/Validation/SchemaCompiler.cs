using System.Globalization;
using System.Text.Json;

namespace Evse.Ocpp.Validation;

/// <summary>
/// Turns the schema JSON into <see cref="SchemaNode"/> trees. Refuses any keyword it does not implement, so a schema
/// file that starts using a new keyword fails loudly at start-up instead of being half-validated.
/// </summary>
internal static class SchemaCompiler
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal) { "$id", "$schema", "title", "description", "definitions", "$comment" };

    public static SchemaNode Compile(JsonElement schema) => Compile(schema, schema, 0);

    private static SchemaNode Compile(JsonElement node, JsonElement root, int depth)
    {
        if (depth > 32)
        {
            throw new InvalidOperationException("Schema nests too deeply (a $ref cycle?).");
        }

        if (node.TryGetProperty("$ref", out var reference))
        {
            return Compile(Resolve(reference.GetString(), root), root, depth + 1);
        }

        var compiled = new SchemaNode();
        foreach (var keyword in node.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "type":
                    compiled.Types = value.ValueKind == JsonValueKind.Array
                        ? value.EnumerateArray().Select(t => t.GetString()!).ToArray()
                        : [value.GetString()!];
                    break;
                case "properties":
                    compiled.Properties = value.EnumerateObject().ToDictionary(p => p.Name, p => Compile(p.Value, root, depth + 1), StringComparer.Ordinal);
                    break;
                case "required":
                    compiled.Required = value.EnumerateArray().Select(r => r.GetString()!).ToArray();
                    break;
                case "additionalProperties":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        throw new InvalidOperationException("Only boolean additionalProperties is supported.");
                    }

                    compiled.AdditionalPropertiesAllowed = value.GetBoolean();
                    break;
                case "enum":
                    compiled.Enum = value.EnumerateArray().Select(e => e.Clone()).ToArray();
                    break;
                case "maxLength":
                    compiled.MaxLength = value.GetInt32();
                    break;
                case "minLength":
                    compiled.MinLength = value.GetInt32();
                    break;
                case "minimum":
                    compiled.Minimum = value.GetDecimal();
                    break;
                case "maximum":
                    compiled.Maximum = value.GetDecimal();
                    break;
                case "multipleOf":
                    compiled.MultipleOf = value.GetDecimal();
                    break;
                case "format":
                    compiled.Format = value.GetString();
                    if (compiled.Format is not ("date-time" or "uri"))
                    {
                        throw new InvalidOperationException($"Unsupported format '{compiled.Format}'.");
                    }

                    break;
                case "items":
                    compiled.Items = Compile(value, root, depth + 1);
                    break;
                case "minItems":
                    compiled.MinItems = value.GetInt32();
                    break;
                case "maxItems":
                    compiled.MaxItems = value.GetInt32();
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name))
                    {
                        throw new InvalidOperationException($"Unsupported JSON Schema keyword '{keyword.Name}'.");
                    }

                    break;
            }
        }

        return compiled;
    }

    private static JsonElement Resolve(string? reference, JsonElement root)
    {
        const string Prefix = "#/definitions/";
        if (reference is null || !reference.StartsWith(Prefix, StringComparison.Ordinal)
            || !root.TryGetProperty("definitions", out var definitions)
            || !definitions.TryGetProperty(reference[Prefix.Length..], out var target))
        {
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, "Cannot resolve $ref '{0}'.", reference));
        }

        return target;
    }
}
