using System.Text.Json.Serialization;

namespace Evse.Host.Firmware;

/// <summary>Source-generated JSON for the diagnostics configuration file.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(SortedDictionary<string, IReadOnlyDictionary<string, string>>))]
internal sealed partial class DiagnosticsJsonContext : JsonSerializerContext;
