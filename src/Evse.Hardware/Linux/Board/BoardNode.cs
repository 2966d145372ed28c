using System.Globalization;
using System.Text.Json;

namespace Evse.Hardware.Linux.Board;

/// <summary>A JSON object of the board file together with its path, so every error can name its key.</summary>
internal readonly struct BoardNode(JsonElement element, string path)
{
    public string Path => path;

    public JsonElement Element => element;

    /// <summary>"simulated" (string), JSON null or a missing key: the part comes from the simulated board.</summary>
    public static bool IsSimulated(JsonElement? element) =>
        element is null
        || element.Value.ValueKind == JsonValueKind.Null
        || (element.Value.ValueKind == JsonValueKind.String && element.Value.GetString() == "simulated");

    public string Key(string name) => path.Length == 0 ? name : $"{path}.{name}";

    public JsonElement? Child(string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : null;

    /// <summary>The child object at <paramref name="name"/>, or null when the part is simulated.</summary>
    public BoardNode? Part(string name)
    {
        var child = Child(name);
        if (IsSimulated(child))
        {
            return null;
        }

        return child!.Value.ValueKind == JsonValueKind.Object
            ? new BoardNode(child.Value, Key(name))
            : throw Error(name, "expected an object or \"simulated\"");
    }

    public BoardNode? OptionalObject(string name)
    {
        var child = Child(name);
        return child is { ValueKind: JsonValueKind.Object } c ? new BoardNode(c, Key(name)) : null;
    }

    public string String(string name) =>
        Child(name) is { ValueKind: JsonValueKind.String } c && !string.IsNullOrWhiteSpace(c.GetString())
            ? c.GetString()!
            : throw Error(name, "a non-empty string is required");

    public string? OptionalString(string name) =>
        Child(name) switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } c => c.GetString(),
            _ => throw Error(name, "expected a string"),
        };

    public int Int(string name) => OptionalInt(name) ?? throw Error(name, "an integer is required");

    public int? OptionalInt(string name)
    {
        var child = Child(name);
        if (child is null || child.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return TryParseInt(child.Value, out var value) ? value : throw Error(name, "expected an integer (or a \"0x…\" hex string)");
    }

    public double Double(string name, double fallback) =>
        Child(name) switch
        {
            null or { ValueKind: JsonValueKind.Null } => fallback,
            { ValueKind: JsonValueKind.Number } c => c.GetDouble(),
            _ => throw Error(name, "expected a number"),
        };

    public bool Bool(string name, bool fallback) =>
        Child(name) switch
        {
            null or { ValueKind: JsonValueKind.Null } => fallback,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw Error(name, "expected true or false"),
        };

    public IReadOnlyList<int> IntArray(string name, int length)
    {
        var child = Child(name);
        if (child is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() != length)
        {
            throw Error(name, $"expected an array of {length} integers");
        }

        var values = new int[length];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i] = TryParseInt(item, out var value) ? value : throw Error($"{name}[{i}]", "expected an integer");
            i++;
        }

        return values;
    }

    /// <summary>A JSON integer, or a "0x…" string: register values read better in hex.</summary>
    private static bool TryParseInt(JsonElement element, out int value)
    {
        value = 0;
        if (element.ValueKind == JsonValueKind.Number)
        {
            return element.TryGetInt32(out value);
        }

        return element.ValueKind == JsonValueKind.String
            && element.GetString() is { } text
            && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);
    }

    public BoardFileException Error(string name, string problem) =>
        new($"Board file key '{Key(name)}': {problem}.") { Key = Key(name) };
}
