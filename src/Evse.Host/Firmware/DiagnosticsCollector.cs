using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Evse.Core.Ports.Storage;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Firmware;
using Microsoft.Extensions.Configuration;

namespace Evse.Host.Firmware;

/// <summary>
/// Builds the GetDiagnostics zip: <c>logs/</c> (the daily Serilog JSON files <c>evse-YYYYMMDD.json</c> whose day
/// overlaps [from, to]; files with another name are always included), <c>faults.csv</c> (the newest
/// <see cref="MaxFaultRecords"/> fault records) and <c>configuration.json</c> (OCPP keys, stored settings and the
/// daemon's configuration). Secrets never leave: write-only OCPP keys (AuthorizationKey) are blank, and any setting
/// whose name contains password, secret, key (but not the OCPP catalogue's own public keys), token or credential is
/// replaced by <c>***</c>; user-info in URLs is removed.
/// </summary>
public sealed class DiagnosticsCollector(
    string logDirectory,
    IFaultRecordStore faults,
    ConfigurationService ocppConfiguration,
    ISettingsStore settings,
    IConfiguration configuration) : IDiagnosticsCollector
{
    public const int MaxFaultRecords = 1000;
    private const string Redacted = "***";
    private static readonly string[] SecretWords = ["password", "secret", "authorizationkey", "apikey", "token", "credential", "privatekey"];

    public async Task CollectAsync(string zipPath, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var stream = new FileStream(zipPath, FileMode.Create, FileAccess.Write, FileShare.None);
        await using (stream.ConfigureAwait(false))
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
            foreach (var log in SelectLogs(from, to))
            {
                // Serilog keeps today's file open for writing: share it, and copy what is there now.
                var source = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                await using (source.ConfigureAwait(false))
                {
                    var entry = zip.CreateEntry("logs/" + Path.GetFileName(log), CompressionLevel.Optimal);
                    var target = entry.Open();
                    await using (target.ConfigureAwait(false))
                    {
                        await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            await WriteTextAsync(zip, "faults.csv", FaultsCsv(), cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(zip, "configuration.json", ConfigurationJson(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when a setting of this name holds a secret.</summary>
    public static bool IsSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var flat = name.Replace("_", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
        return SecretWords.Any(w => flat.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    private IEnumerable<string> SelectLogs(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (!Directory.Exists(logDirectory))
        {
            return [];
        }

        var first = from is { } f ? DateOnly.FromDateTime(f.UtcDateTime) : DateOnly.MinValue;
        var last = to is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : DateOnly.MaxValue;
        return Directory.GetFiles(logDirectory)
            .Where(path => !TryGetLogDay(path, out var day) || (day >= first && day <= last))
            .Order(StringComparer.Ordinal);
    }

    private static bool TryGetLogDay(string path, out DateOnly day)
    {
        // Serilog's daily rolling names: evse-20260301.json (a second file of a day: evse-20260301_001.json). The
        // day is the local day of the entries; with a UTC board clock (our default) it is the UTC day.
        var name = Path.GetFileNameWithoutExtension(path);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var digits = dash >= 0 && name.Length >= dash + 9 ? name.Substring(dash + 1, 8) : string.Empty;
        return DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    private string FaultsCsv()
    {
        var csv = new StringBuilder("id,connector,code,description,started,ended\n");
        foreach (var fault in faults.List(MaxFaultRecords))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{fault.Id},{fault.ConnectorId},{fault.Code},\"{fault.Description.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{fault.StartedAt:o},{fault.EndedAt:o}\n");
        }

        return csv.ToString();
    }

    private string ConfigurationJson()
    {
        var ocpp = ocppConfiguration.Describe().ToDictionary(k => k.Definition.Name, k => k.Value, StringComparer.Ordinal);
        var stored = settings.LoadAll()
            .Where(kv => !kv.Key.StartsWith(ConfigurationService.StoragePrefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => IsSecret(kv.Key) ? Redacted : StripUserInfo(kv.Value), StringComparer.Ordinal);
        var daemon = configuration.AsEnumerable()
            .Where(kv => kv.Value is not null)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => IsSecret(kv.Key) ? Redacted : StripUserInfo(kv.Value!), StringComparer.Ordinal);
        var document = new SortedDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["ocpp"] = ocpp,
            ["settings"] = stored,
            ["daemon"] = daemon,
        };
        return JsonSerializer.Serialize(document, DiagnosticsJsonContext.Default.SortedDictionaryStringIReadOnlyDictionaryStringString);
    }

    private static string StripUserInfo(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
            : value;

    private static async Task WriteTextAsync(ZipArchive zip, string name, string text, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        var target = entry.Open();
        await using (target.ConfigureAwait(false))
        {
            await target.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }
    }
}
