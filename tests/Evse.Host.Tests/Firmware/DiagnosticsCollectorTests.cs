using System.IO.Compression;
using Evse.Core.Ports.Storage;
using Evse.Core.Protection;
using Evse.Host.Firmware;
using Evse.Host.Tests.Support;
using Evse.Ocpp.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Evse.Host.Tests.Firmware;

public sealed class DiagnosticsCollectorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly DictionarySettingsStore _settings = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task CollectAsync_Period_IncludesOnlyLogDaysInsideIt()
    {
        var logs = Directory.CreateDirectory(Path.Combine(_dir.Path, "logs")).FullName;
        foreach (var day in new[] { "20260226", "20260227", "20260228", "20260301" })
        {
            File.WriteAllText(Path.Combine(logs, $"evse-{day}.json"), $$"""{"day":"{{day}}"}""");
        }

        var entries = await CollectAsync(new DateTimeOffset(2026, 2, 27, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 28, 1, 0, 0, TimeSpan.Zero));

        Assert.Equal(["configuration.json", "faults.csv", "logs/evse-20260227.json", "logs/evse-20260228.json"], entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_NoPeriod_IncludesEveryLogIncludingTheOneBeingWritten()
    {
        var logs = Directory.CreateDirectory(Path.Combine(_dir.Path, "logs")).FullName;
        File.WriteAllText(Path.Combine(logs, "evse-20260101.json"), "old");
        using var open = new FileStream(Path.Combine(logs, "evse-20260301.json"), FileMode.Create, FileAccess.Write, FileShare.Read);
        open.Write("today"u8);
        open.Flush();

        var entries = await CollectAsync(null, null);

        Assert.Equal("today", entries["logs/evse-20260301.json"]);
        Assert.Equal("old", entries["logs/evse-20260101.json"]);
    }

    [Fact]
    public async Task CollectAsync_Secrets_NeverLeaveTheCharger()
    {
        var entries = await CollectAsync(null, null, ocpp =>
        {
            // The Security whitepaper's form (16–20 bytes in hex); a value the catalogue refused would prove nothing.
            Assert.Equal(ChangeConfigurationStatus.Accepted, ocpp.ChangeConfiguration(OcppConfigurationKeys.AuthorizationKey, "546F705365637265744B657930310A0B0C0D0E0F"));
            _settings.Save("portal.adminPasswordHash", "pbkdf2$hash-value");
            _settings.Save("station.maxCurrent", "32");
        });

        var json = entries["configuration.json"];
        Assert.DoesNotContain("546F705365637265744B657930310A0B0C0D0E0F", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash-value", json, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", json, StringComparison.Ordinal);
        Assert.DoesNotContain("wifi-pass", json, StringComparison.Ordinal);
        Assert.Contains("\"station.maxCurrent\": \"32\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Ocpp:CentralSystemUrl\": \"wss://cs.example/ocpp\"", json, StringComparison.Ordinal);
        Assert.Contains("\"HeartbeatInterval\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_FaultRecords_WrittenAsCsv()
    {
        var entries = await CollectAsync(null, null);

        Assert.Equal(
            "id,connector,code,description,started,ended\n7,1,OverCurrent,\"Over current, \"\"L1\"\"\",2026-03-01T08:00:00.0000000+00:00,\n",
            entries["faults.csv"]);
    }

    [Theory]
    [InlineData("Ocpp:BasicAuthPassword", true)]
    [InlineData("AuthorizationKey", true)]
    [InlineData("Network:WiFi:Psk_Password", true)]
    [InlineData("HeartbeatInterval", false)]
    [InlineData("Station:ConnectorCount", false)]
    public void IsSecret_SettingName_RecognisesSecrets(string name, bool secret) =>
        Assert.Equal(secret, DiagnosticsCollector.IsSecret(name));

    private async Task<Dictionary<string, string>> CollectAsync(DateTimeOffset? from, DateTimeOffset? to, Action<ConfigurationService>? arrange = null)
    {
        var ocpp = new ConfigurationService(_settings, NullLogger<ConfigurationService>.Instance);
        arrange?.Invoke(ocpp);
        var faults = new Mock<IFaultRecordStore>();
        faults.Setup(f => f.List(DiagnosticsCollector.MaxFaultRecords, null)).Returns(
            [new FaultRecord(7, 1, FaultCode.OverCurrent, "Over current, \"L1\"", new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), null)]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ocpp:CentralSystemUrl"] = "wss://cs.example/ocpp",
            ["Ocpp:BasicAuthPassword"] = "s3cret",
            ["Network:UplinkUrl"] = "http://user:wifi-pass@10.0.0.1/",
        }).Build();
        var collector = new DiagnosticsCollector(Path.Combine(_dir.Path, "logs"), faults.Object, ocpp, _settings, configuration);
        var zipPath = Path.Combine(_dir.Path, "diag.zip");

        await collector.CollectAsync(zipPath, from, to, CancellationToken.None);

        using var zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        });
    }

    private sealed class DictionarySettingsStore : ISettingsStore
    {
        private readonly Dictionary<string, string> _values = [];

        public IReadOnlyDictionary<string, string> LoadAll() => new Dictionary<string, string>(_values);

        public void Save(string key, string value) => _values[key] = value;

        public void Remove(string key) => _values.Remove(key);

        public void Clear() => _values.Clear();
    }
}
