using System.Text.Json;

namespace Evse.Ocpp.Validation;

/// <summary>One compiled JSON Schema (draft-07 subset) node; <c>$ref</c>s are already resolved at load time.</summary>
internal sealed class SchemaNode
{
    public IReadOnlyList<string>? Types { get; set; }

    public Dictionary<string, SchemaNode>? Properties { get; set; }

    public IReadOnlyList<string> Required { get; set; } = [];

    public bool AdditionalPropertiesAllowed { get; set; } = true;

    public IReadOnlyList<JsonElement>? Enum { get; set; }

    public int? MaxLength { get; set; }

    public int? MinLength { get; set; }

    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }

    public decimal? MultipleOf { get; set; }

    public string? Format { get; set; }

    public SchemaNode? Items { get; set; }

    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }
}
