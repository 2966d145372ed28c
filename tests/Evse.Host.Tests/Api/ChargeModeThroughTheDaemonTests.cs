using System.Diagnostics;
using System.Text.Json;
using Evse.Host.Tests.Support;

namespace Evse.Host.Tests.Api;

/// <summary>FAST / ECO with boost timers (seed 004 §10–12) as the running daemon applies them to the current limit.</summary>
public sealed class ChargeModeThroughTheDaemonTests : IDisposable
{
    // The fake clock starts on Monday 2026-01-05 08:00 UTC.
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Eco_NoGridMeter_ChargesAtSixAmpsAndTheStatusSaysWhy()
    {
        var settings = new Dictionary<string, string>
        {
            ["Station:PlugAndChargeId"] = "FREEVEND01",
            ["Station:ChargeMode"] = "Eco",
            ["Simulation:GridMeter"] = "false",
        };
        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var client = app.CreateClient();

        var connector = await PlugAndWaitForChargingAsync(app, client);

        var limit = connector.GetProperty("limit");
        Assert.Equal("ChargeMode", limit.GetProperty("binding").GetString());
        Assert.Equal(6, limit.GetProperty("amps").GetDouble());
        Assert.Contains("no grid meter data", limit.GetProperty("why").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, connector.GetProperty("offeredCurrentAmps").GetDouble());
    }

    [Fact]
    public async Task Fast_NoChargeModeContributorAndTheFullCurrentIsOffered()
    {
        var settings = new Dictionary<string, string>
        {
            ["Station:PlugAndChargeId"] = "FREEVEND01",
            ["Simulation:GridMeter"] = "false",
        };
        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var client = app.CreateClient();

        var connector = await PlugAndWaitForChargingAsync(app, client);
        await app.AdvanceAsync(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1));
        connector = await DaemonApi.ConnectorAsync(client);

        Assert.DoesNotContain("ChargeMode", Sources(connector));
        Assert.Equal(32, connector.GetProperty("limit").GetProperty("amps").GetDouble());
    }

    [Fact]
    public async Task Eco_BoostTimerWindow_LiftsTheLimitInsideAndRestoresItAfter()
    {
        var settings = new Dictionary<string, string>
        {
            ["Station:PlugAndChargeId"] = "FREEVEND01",
            ["Station:ChargeMode"] = "Eco",
            ["Station:TimeZone"] = "UTC",
            ["Station:BoostTimers:0:Start"] = "0805",
            ["Station:BoostTimers:0:End"] = "0810",
        };
        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var client = app.CreateClient();

        // The simulated house exports nothing: the grid meter sees our own draw, so ECO has no surplus and holds 6 A.
        var before = await PlugAndWaitForChargingAsync(app, client);
        before = await DaemonApi.StepUntilAsync(app, client, c => Sources(c).Contains("ChargeMode"), "the ECO limit");
        Assert.Equal(6, before.GetProperty("limit").GetProperty("amps").GetDouble());
        Assert.StartsWith("ECO", DaemonApi.ChargeModeDetail(before), StringComparison.OrdinalIgnoreCase);

        await AdvanceToAsync(app, Start.AddMinutes(5).AddSeconds(-5));
        var stillEco = await DaemonApi.ConnectorAsync(client);
        Assert.True(DaemonApi.Binding(stillEco) == "ChargeMode", $"at {app.Time.GetUtcNow():O}: {stillEco}");

        var boosted = await DaemonApi.StepUntilAsync(app, client, c => DaemonApi.Binding(c) != "ChargeMode", "the boost window to lift ECO");
        Assert.InRange(app.Time.GetUtcNow(), Start.AddMinutes(5), Start.AddMinutes(5).AddSeconds(15));
        Assert.Equal(32, boosted.GetProperty("limit").GetProperty("amps").GetDouble());
        Assert.Contains("boost timer window", DaemonApi.ChargeModeDetail(boosted), StringComparison.Ordinal);
        Assert.Equal("Charging", boosted.GetProperty("status").GetString());

        await AdvanceToAsync(app, Start.AddMinutes(10).AddSeconds(-5));
        var stillBoosted = await DaemonApi.ConnectorAsync(client);
        Assert.True(DaemonApi.Binding(stillBoosted) != "ChargeMode", $"at {app.Time.GetUtcNow():O}: {stillBoosted}");

        var after = await DaemonApi.StepUntilAsync(app, client, c => DaemonApi.Binding(c) == "ChargeMode", "the end of the boost window");
        Assert.InRange(app.Time.GetUtcNow(), Start.AddMinutes(10), Start.AddMinutes(10).AddSeconds(15));
        Assert.Equal(6, after.GetProperty("limit").GetProperty("amps").GetDouble());
        Assert.Equal("ChargeMode", after.GetProperty("limit").GetProperty("binding").GetString());
    }

    /// <summary>Moves the fake clock to exactly <paramref name="target"/>: 10 s steps, then one step for the rest (AdvanceAsync rounds up to whole steps).</summary>
    private static async Task AdvanceToAsync(EvseAppFactory app, DateTimeOffset target)
    {
        var coarse = TimeSpan.FromSeconds(Math.Floor((target - app.Time.GetUtcNow()).TotalSeconds / 10) * 10);
        if (coarse > TimeSpan.Zero)
        {
            await app.AdvanceAsync(coarse, TimeSpan.FromSeconds(10));
        }

        var rest = target - app.Time.GetUtcNow();
        if (rest > TimeSpan.Zero)
        {
            await app.AdvanceAsync(rest, rest);
        }

        Assert.Equal(target, app.Time.GetUtcNow());
    }

    private static async Task<JsonElement> PlugAndWaitForChargingAsync(EvseAppFactory app, HttpClient client)
    {
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
        return await DaemonApi.StepUntilAsync(app, client, c => c.GetProperty("status").GetString() == "Charging", "Charging");
    }

    private static List<string?> Sources(JsonElement connector) =>
        connector.GetProperty("limit") is { ValueKind: JsonValueKind.Object } limit
            ? [.. limit.GetProperty("contributors").EnumerateArray().Select(c => c.GetProperty("source").GetString())]
            : [];
}
