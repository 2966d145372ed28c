using System.Net.Http.Json;
using System.Text.Json;
using Evse.Hardware.Simulated;
using Evse.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Evse.Host.Tests.Api;

/// <summary>The protections and the current limit as the control loop runs them on the simulated board.</summary>
public sealed class ProtectionThroughTheLoopTests : IDisposable
{
    private static readonly Dictionary<string, string> FreeVend = new() { ["Station:PlugAndChargeId"] = "FREEVEND01" };
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task OverVoltage_TripsAfterFiveSecondsAndResumesAfterRecovery()
    {
        using var app = new EvseAppFactory(_data.Path, settings: FreeVend);
        using var client = app.CreateClient();
        await Charge(client);

        await DaemonApi.PostAsync(client, "/api/sim/faults", new { kind = "OverVoltage", active = true });
        await app.AdvanceAsync(TimeSpan.FromSeconds(4.8));
        Assert.Equal("Charging", (await DaemonApi.ConnectorAsync(client)).GetProperty("status").GetString());
        await app.AdvanceAsync(TimeSpan.FromSeconds(0.4));

        var faulted = await DaemonApi.ConnectorAsync(client);
        Assert.Equal("Faulted", faulted.GetProperty("status").GetString());
        Assert.Equal("OverVoltage", faulted.GetProperty("errorCode").GetString());
        Assert.False(faulted.GetProperty("contactorClosed").GetBoolean());

        await DaemonApi.PostAsync(client, "/api/sim/faults", new { kind = "OverVoltage", active = false });
        await app.AdvanceAsync(TimeSpan.FromSeconds(6));
        var resumed = await Eventually.GetAsync(() => DaemonApi.ConnectorAsync(client), c => c.GetProperty("status").GetString() == "Charging", "charging to resume");
        Assert.True(resumed.GetProperty("contactorClosed").GetBoolean());
        // The loop's record writer closes the record a moment after the status event.
        var faults = await Eventually.GetAsync(
            () => client.GetFromJsonAsync<JsonElement>(new Uri("/api/faults", UriKind.Relative)),
            f => f.GetArrayLength() > 0 && f[0].GetProperty("endedAt").ValueKind != JsonValueKind.Null,
            "the closed fault record");
        Assert.StartsWith("Overvoltage Fault", faults[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, faults[0].GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task MeterSilent_RaisesMeteringFailureAfterItsHoldAndOpensTheContactor()
    {
        using var app = new EvseAppFactory(_data.Path, settings: FreeVend);
        using var client = app.CreateClient();
        await Charge(client);

        await DaemonApi.PostAsync(client, "/api/sim/faults", new { kind = "MeterSilent", active = true });
        await app.AdvanceAsync(TimeSpan.FromSeconds(3.5));

        var faulted = await DaemonApi.ConnectorAsync(client);
        Assert.Equal("PowerMeterFailure", faulted.GetProperty("errorCode").GetString());
        Assert.False(faulted.GetProperty("contactorClosed").GetBoolean());
    }

    [Fact]
    public async Task DipSwitch16Amps_LimitsTheOfferAndTheStatusSaysWhy()
    {
        var settings = new Dictionary<string, string>(FreeVend)
        {
            ["Simulation:DipSwitch:0"] = "false",
            ["Simulation:DipSwitch:1"] = "true",
            ["Simulation:DipSwitch:2"] = "false",
        };
        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var client = app.CreateClient();

        var charging = await Charge(client);

        Assert.Equal(16, charging.GetProperty("offeredCurrentAmps").GetDouble());
        var limit = charging.GetProperty("limit");
        Assert.Equal(16, limit.GetProperty("amps").GetDouble());
        Assert.Equal("DipSwitch", limit.GetProperty("binding").GetString());
        var sources = limit.GetProperty("contributors").EnumerateArray().Select(c => c.GetProperty("source").GetString()).ToList();
        Assert.Contains("FirmwareSetting", sources);
        Assert.Contains("ConnectorRating", sources);
        Assert.Contains("16 A set by DipSwitch", limit.GetProperty("why").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BootSelfTestFailingThreeTimes_IsAHardFault()
    {
        using var app = new EvseAppFactory(_data.Path, services: s => s.AddSingleton(sp =>
        {
            var board = new SimulatedBoard(1, new SimulationOptions(), sp.GetRequiredService<TimeProvider>());
            board.SetFault(SimulatedFault.SelfTestFails, true);
            return board;
        }));
        using var client = app.CreateClient();

        await app.AdvanceAsync(TimeSpan.FromSeconds(9));
        Assert.Equal("Available", (await DaemonApi.ConnectorAsync(client)).GetProperty("status").GetString());
        await app.AdvanceAsync(TimeSpan.FromSeconds(12));

        var faulted = await Eventually.GetAsync(() => DaemonApi.ConnectorAsync(client), c => c.GetProperty("status").GetString() == "Faulted", "the third failed self test");
        var fault = faulted.GetProperty("activeFaults")[0];
        Assert.Equal("SelfTestFailed", fault.GetProperty("code").GetString());
        Assert.True(fault.GetProperty("hard").GetBoolean());
    }

    [Fact]
    public async Task GridMeter_ShowsHouseholdLoadInTheStatus()
    {
        using var app = new EvseAppFactory(_data.Path);
        using var client = app.CreateClient();
        await DaemonApi.PostAsync(client, "/api/sim/grid", new { voltage = new[] { 231.5 }, householdAmps = new[] { 12.5 } });

        await app.AdvanceAsync(TimeSpan.FromSeconds(1.1));

        var grid = (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/status", UriKind.Relative))).GetProperty("grid");
        Assert.True(grid.GetProperty("installed").GetBoolean());
        Assert.Equal(12.5, grid.GetProperty("currentAmps")[0].GetDouble());
        Assert.Equal(231.5, grid.GetProperty("voltageVolts")[0].GetDouble());
    }

    private static async Task<JsonElement> Charge(HttpClient client)
    {
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
        return await Eventually.GetAsync(() => DaemonApi.ConnectorAsync(client), c => c.GetProperty("status").GetString() == "Charging", "Charging");
    }
}
