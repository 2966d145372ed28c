using System.Net.Http.Json;
using System.Text.Json;
using Evse.Host.Tests.Support;

namespace Evse.Host.Tests.Api;

/// <summary>Station lock and the warning settings (seed 001 Fig. 14, seed 004 §9) as the running daemon applies them.</summary>
public sealed class StationSettingsThroughTheDaemonTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task StationLocked_PlugInAndCard_StartNoSession()
    {
        var settings = new Dictionary<string, string>
        {
            ["Station:PlugAndChargeId"] = "FREEVEND01",
            ["Station:StationLocked"] = "true",
        };
        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var client = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));

        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
        await DaemonApi.WaitForStatusAsync(client, "Preparing");
        await app.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        await DaemonApi.PostAsync(client, "/api/sim/rfid", new { uid = "04A1B2C3D4" });
        await app.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));

        var connector = await DaemonApi.ConnectorAsync(client);
        Assert.Equal("Preparing", connector.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, connector.GetProperty("session").ValueKind);
        Assert.False(connector.GetProperty("contactorClosed").GetBoolean());
        var records = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/records", UriKind.Relative));
        Assert.Equal(0, records.GetArrayLength());
        Assert.Equal("the station is locked", connector.GetProperty("startBlocked").GetString());
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("The station is locked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StationUnlocked_SamePlugIn_StartsASession()
    {
        using var app = new EvseAppFactory(_data.Path, settings: new Dictionary<string, string> { ["Station:PlugAndChargeId"] = "FREEVEND01" });
        using var client = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));

        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });

        var charging = await DaemonApi.WaitForStatusAsync(client, "Charging");
        Assert.Equal("FREEVEND01", charging.GetProperty("session").GetProperty("idTag").GetString());
        Assert.Equal(JsonValueKind.Null, charging.GetProperty("startBlocked").ValueKind);
    }

    [Theory]
    [InlineData("240", true)]
    [InlineData(null, false)]
    public async Task SupplyVoltage250_WarnsOnlyAboveTheConfiguredHighLevelAndKeepsCharging(string? highVolts, bool warned)
    {
        var settings = new Dictionary<string, string> { ["Station:PlugAndChargeId"] = "FREEVEND01" };
        if (highVolts is not null)
        {
            settings["Station:Warnings:VoltageHighVolts"] = highVolts;
        }

        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var client = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
        await DaemonApi.WaitForStatusAsync(client, "Charging");

        await DaemonApi.PostAsync(client, "/api/sim/grid", new { voltage = new[] { 250.0 } });
        await app.AdvanceAsync(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(0.5));

        var connector = await DaemonApi.ConnectorAsync(client);
        var warnings = connector.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Equal(warned, warnings.Contains("VoltageHigh"));
        Assert.Equal("Charging", connector.GetProperty("status").GetString());
        Assert.True(connector.GetProperty("contactorClosed").GetBoolean());
        Assert.Equal(0, connector.GetProperty("activeFaults").GetArrayLength());
    }
}
