using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Evse.Host.Tests.Support;

namespace Evse.Host.Tests.Api;

/// <summary>The run-time station lock and Boost button (seed 004 §8.5.1, §9) through the portal API of the running daemon.</summary>
public sealed class StationControlsThroughTheDaemonTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task PostLock_WhileCharging_SessionChargesOnButTheNextOneDoesNotStart()
    {
        using var app = new EvseAppFactory(_data.Path, settings: new Dictionary<string, string> { ["Station:PlugAndChargeId"] = "FREEVEND01" });
        using var client = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
        await DaemonApi.WaitForStatusAsync(client, "Charging");

        var answer = await PostJsonAsync(client, "/api/station/lock", new { locked = true });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Body.GetProperty("stationLocked").GetBoolean());
        await app.AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));

        var charging = await DaemonApi.ConnectorAsync(client);
        Assert.Equal("Charging", charging.GetProperty("status").GetString());
        Assert.True(charging.GetProperty("contactorClosed").GetBoolean());
        Assert.Equal("the station is locked", charging.GetProperty("startBlocked").GetString());
        Assert.True((await DaemonApi.StatusAsync(client)).GetProperty("controls").GetProperty("stationLocked").GetBoolean());

        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "A" });
        await DaemonApi.WaitForStatusAsync(client, "Available");
        await app.AdvanceAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
        await DaemonApi.WaitForStatusAsync(client, "Preparing");
        await app.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));

        var after = await DaemonApi.ConnectorAsync(client);
        Assert.Equal("Preparing", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("session").ValueKind);
        var records = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/records", UriKind.Relative));
        Assert.Equal(1, records.GetArrayLength());
    }

    [Fact]
    public async Task PostLock_ThenRestart_StaysLockedUntilUnlockedAndThenStarts()
    {
        var settings = new Dictionary<string, string> { ["Station:PlugAndChargeId"] = "FREEVEND01" };
        using (var first = new EvseAppFactory(_data.Path, settings: settings))
        {
            using var client = first.CreateClient();
            await first.AdvanceAsync(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(client, "/api/station/lock", new { locked = true })).Status);
        }

        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var second = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));
        await DaemonApi.PostAsync(second, "/api/sim/connectors/1/ev", new { state = "C" });
        await DaemonApi.WaitForStatusAsync(second, "Preparing");
        await app.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));

        var locked = await DaemonApi.StatusAsync(second);
        Assert.True(locked.GetProperty("controls").GetProperty("stationLocked").GetBoolean());
        Assert.Equal("Preparing", locked.GetProperty("connectors")[0].GetProperty("status").GetString());
        Assert.Equal("the station is locked", locked.GetProperty("connectors")[0].GetProperty("startBlocked").GetString());

        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(second, "/api/station/lock", new { locked = false })).Status);
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));

        // Preparing waits for a card (plug-and-charge took its turn at plug-in): the card starts the session now.
        await DaemonApi.PostAsync(second, "/api/sim/rfid", new { uid = "04A1B2C3D4" });
        var charging = await DaemonApi.StepUntilAsync(app, second, c => c.GetProperty("status").GetString() == "Charging", "Charging after unlock");
        Assert.Equal(JsonValueKind.Null, charging.GetProperty("startBlocked").ValueKind);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"locked\":\"yes\"}")]
    [InlineData("{\"locked\":null}")]
    [InlineData("not json")]
    public async Task PostLock_InvalidBody_ProblemDetails400AndNothingChanges(string body)
    {
        using var app = new EvseAppFactory(_data.Path);
        using var client = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/station/lock", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("locked", out _), problem.ToString());
        Assert.False((await DaemonApi.StatusAsync(client)).GetProperty("controls").GetProperty("stationLocked").GetBoolean());
    }

    [Fact]
    public async Task PostBoost_UnderEco_ChargesAsFastUntilPressedAgain()
    {
        var settings = new Dictionary<string, string>
        {
            ["Station:PlugAndChargeId"] = "FREEVEND01",
            ["Station:ChargeMode"] = "Eco",
            ["Simulation:GridMeter"] = "false",
        };
        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var client = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
        var eco = await DaemonApi.StepUntilAsync(app, client, c => c.GetProperty("status").GetString() == "Charging" && DaemonApi.Binding(c) == "ChargeMode", "ECO at 6 A");
        Assert.Equal(6, eco.GetProperty("limit").GetProperty("amps").GetDouble());

        var on = await PostJsonAsync(client, "/api/station/boost", new { on = true });
        Assert.Equal(HttpStatusCode.OK, on.Status);
        Assert.True(on.Body.GetProperty("boostOn").GetBoolean());
        var boosted = await DaemonApi.StepUntilAsync(app, client, c => c.GetProperty("limit").GetProperty("amps").GetDouble() > 6, "Boost to lift ECO");
        Assert.Equal(32, boosted.GetProperty("limit").GetProperty("amps").GetDouble());
        Assert.Contains("Boost on", DaemonApi.ChargeModeDetail(boosted), StringComparison.Ordinal);
        Assert.True((await DaemonApi.StatusAsync(client)).GetProperty("controls").GetProperty("boostOn").GetBoolean());

        // Boost holds for as long as it is on, not for a timer of ours.
        await app.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10));
        Assert.Equal(32, (await DaemonApi.ConnectorAsync(client)).GetProperty("limit").GetProperty("amps").GetDouble());

        var off = await PostJsonAsync(client, "/api/station/boost", new { on = false });
        Assert.False(off.Body.GetProperty("boostOn").GetBoolean());
        var back = await DaemonApi.StepUntilAsync(app, client, c => DaemonApi.Binding(c) == "ChargeMode", "ECO again");
        Assert.Equal(6, back.GetProperty("limit").GetProperty("amps").GetDouble());
        Assert.Equal("Charging", back.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PostBoost_UnderFast_Conflict409ProblemAndBoostStaysOff()
    {
        using var app = new EvseAppFactory(_data.Path);
        using var client = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));

        var answer = await PostJsonAsync(client, "/api/station/boost", new { on = true });

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Contains("FAST", answer.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var controls = (await DaemonApi.StatusAsync(client)).GetProperty("controls");
        Assert.False(controls.GetProperty("boostOn").GetBoolean());
        Assert.False(controls.GetProperty("boostApplies").GetBoolean());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
