using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Evse.Host.Tests.Support;

namespace Evse.Host.Tests.Api;

/// <summary>The whole daemon on the simulated board, driven through /api/sim and observed through /api/status.</summary>
public sealed class SimulatedChargingTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Health_WhileLoopsRun_Is200()
    {
        using var app = new EvseAppFactory(_data.Path);
        using var client = app.CreateClient();

        var status = await Eventually.GetAsync(
            async () => (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode,
            s => s == HttpStatusCode.OK,
            "health 200");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Status_FreshStation_ShowsOneAvailableConnectorAndStationInfo()
    {
        using var app = new EvseAppFactory(_data.Path);
        using var client = app.CreateClient();

        var status = await DaemonApi.StatusAsync(client);

        var station = status.GetProperty("station");
        Assert.StartsWith("EVSE", station.GetProperty("serialNumber").GetString(), StringComparison.Ordinal);
        Assert.Equal("0.1.0", station.GetProperty("firmwareVersion").GetString());
        var connector = Assert.Single(status.GetProperty("connectors").EnumerateArray());
        Assert.Equal("Available", connector.GetProperty("status").GetString());
        Assert.Equal("A", connector.GetProperty("pilotState").GetString());
        Assert.False(connector.GetProperty("contactorClosed").GetBoolean());
        Assert.Equal(0, connector.GetProperty("offeredCurrentAmps").GetDouble());
    }

    [Fact]
    public async Task FreeVend_PlugChargeUnplug_ChargesThenAvailableWithARecordThatSurvivesRestart()
    {
        var settings = new Dictionary<string, string> { ["Station:PlugAndChargeId"] = "FREEVEND01" };
        using (var app = new EvseAppFactory(_data.Path, settings: settings))
        {
            using var client = app.CreateClient();
            await DaemonApi.StatusAsync(client);

            await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "B", maxCurrentAmps = 32, phases = 1 });
            await DaemonApi.WaitForStatusAsync(client, "SuspendedEV");
            await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
            var charging = await DaemonApi.WaitForStatusAsync(client, "Charging");
            Assert.True(charging.GetProperty("contactorClosed").GetBoolean());
            Assert.Equal(32, charging.GetProperty("offeredCurrentAmps").GetDouble());

            // Ten minutes of charging on the fake clock: 32 A × 230 V × 1/6 h = 1226.7 Wh.
            await app.AdvanceAsync(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1));

            var metered = await Eventually.GetAsync(
                () => DaemonApi.ConnectorAsync(client),
                c => c.GetProperty("sessionEnergyWh").GetDouble() > 1200,
                "the session energy to reach 1200 Wh");
            Assert.Equal(32, metered.GetProperty("currentAmps")[0].GetDouble());
            Assert.Equal(230, metered.GetProperty("voltageVolts")[0].GetDouble());

            await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "A" });
            var available = await DaemonApi.WaitForStatusAsync(client, "Available");
            Assert.False(available.GetProperty("contactorClosed").GetBoolean());
        }

        using (var restarted = new EvseAppFactory(_data.Path, settings: settings))
        {
            using var client = restarted.CreateClient();
            var records = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/records", UriKind.Relative));
            var record = Assert.Single(records.EnumerateArray());
            Assert.Equal("FREEVEND01", record.GetProperty("idTag").GetString());
            Assert.Equal("EVDisconnected", record.GetProperty("stopReason").GetString());
            Assert.InRange(record.GetProperty("energyWh").GetDouble(), 1226.0, 1228.0);
            Assert.NotEqual(JsonValueKind.Null, record.GetProperty("stoppedAt").ValueKind);
        }
    }

    [Fact]
    public async Task Rfid_CardThenPlug_ChargesAndSameCardStops()
    {
        using var app = new EvseAppFactory(_data.Path);
        using var client = app.CreateClient();
        await DaemonApi.StatusAsync(client);

        await DaemonApi.PostAsync(client, "/api/sim/rfid", new { uid = "04a1b2c3d4" });
        await DaemonApi.WaitForStatusAsync(client, "Preparing");
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
        var charging = await DaemonApi.WaitForStatusAsync(client, "Charging");
        Assert.Equal("04A1B2C3D4", charging.GetProperty("session").GetProperty("idTag").GetString());

        await DaemonApi.PostAsync(client, "/api/sim/rfid", new { uid = "04A1B2C3D4" });
        await DaemonApi.WaitForStatusAsync(client, "Finishing");

        // The loop's record writer stores the end a moment after the status event.
        var records = await Eventually.GetAsync(
            () => client.GetFromJsonAsync<JsonElement>(new Uri("/api/records", UriKind.Relative)),
            r => r.GetArrayLength() > 0 && r[0].GetProperty("stopReason").ValueKind != JsonValueKind.Null,
            "the ended session's record");
        Assert.Equal("Local", records[0].GetProperty("stopReason").GetString());
    }

    [Fact]
    public async Task InjectedResidualCurrent_OpensContactorFaultsAndRecordsTheFault()
    {
        var settings = new Dictionary<string, string> { ["Station:PlugAndChargeId"] = "FREEVEND01" };
        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var client = app.CreateClient();
        await DaemonApi.StatusAsync(client);
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
        await DaemonApi.WaitForStatusAsync(client, "Charging");

        await DaemonApi.PostAsync(client, "/api/sim/faults", new { kind = "ResidualCurrent", active = true });

        var faulted = await DaemonApi.WaitForStatusAsync(client, "Faulted");
        Assert.False(faulted.GetProperty("contactorClosed").GetBoolean());
        Assert.False(faulted.GetProperty("contactorFeedbackClosed").GetBoolean());
        Assert.Equal("GroundFailure", faulted.GetProperty("errorCode").GetString());
        Assert.Equal("ResidualCurrent", faulted.GetProperty("activeFaults")[0].GetProperty("code").GetString());
        var faults = await Eventually.GetAsync(
            () => client.GetFromJsonAsync<JsonElement>(new Uri("/api/faults", UriKind.Relative)),
            f => f.GetArrayLength() > 0,
            "the fault record (written by the loop's record writer)");
        Assert.Equal("Leakage Protection Fault", faults[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task SimFaults_ListsEveryKind()
    {
        using var app = new EvseAppFactory(_data.Path);
        using var client = app.CreateClient();

        var kinds = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/sim/faults", UriKind.Relative));

        var names = kinds.EnumerateArray().Select(k => k.GetProperty("kind").GetString()).ToList();
        Assert.Equal(Enum.GetNames<Evse.Hardware.Simulated.SimulatedFault>(), names);
        Assert.All(kinds.EnumerateArray(), k => Assert.False(k.GetProperty("active").GetBoolean()));
    }

    [Theory]
    [InlineData("/api/sim/connectors/1/ev", "{\"state\":\"X\"}", "state 'X' is not a pilot state")]
    [InlineData("/api/sim/connectors/1/ev", "{\"state\":", "not valid JSON")]
    [InlineData("/api/sim/connectors/1/ev", "{\"colour\":\"red\"}", "colour")]
    [InlineData("/api/sim/connectors/1/ev", "{\"maxCurrentAmps\":\"lots\"}", "maxCurrentAmps")]
    [InlineData("/api/sim/connectors/1/ev", "{\"phases\":4}", "phases 4")]
    [InlineData("/api/sim/connectors/1/ev", "[]", "not valid JSON")]
    [InlineData("/api/sim/rfid", "{\"uid\":\"not-hex\"}", "uid must be")]
    [InlineData("/api/sim/rfid", "", "empty")]
    [InlineData("/api/sim/faults", "{\"kind\":\"Gremlins\",\"active\":true}", "kind 'Gremlins' is not a fault kind")]
    [InlineData("/api/sim/faults", "{\"kind\":\"OverVoltage\"}", "active")]
    [InlineData("/api/sim/grid", "{\"voltage\":[230,230,230,230]}", "1 to 3 values")]
    [InlineData("/api/sim/grid", "{\"frequencyHz\":5}", "frequencyHz")]
    [InlineData("/api/sim/dip", "{\"switches\":[true]}", "exactly 3")]
    public async Task Sim_MalformedRequest_Is400WithAMessageThatSaysWhatIsWrong(string path, string body, string expected)
    {
        using var app = new EvseAppFactory(_data.Path);
        using var client = app.CreateClient();

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(expected, problem.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("/api/sim/connectors/2/ev", "{\"state\":\"B\"}")]
    [InlineData("/api/sim/connectors/0/ev", "{\"state\":\"B\"}")]
    [InlineData("/api/sim/faults", "{\"kind\":\"OverVoltage\",\"active\":true,\"connectorId\":7}")]
    public async Task Sim_UnknownConnector_Is404(string path, string body)
    {
        using var app = new EvseAppFactory(_data.Path);
        using var client = app.CreateClient();

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no connector", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_BadLimit_Is400()
    {
        using var app = new EvseAppFactory(_data.Path);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/records?limit=0", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

}
