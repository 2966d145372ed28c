using System.Net.Http.Json;
using System.Text.Json;
using Evse.Core.Charging;
using Evse.Core.Pilot;
using Evse.Hardware.Simulated;
using Evse.Host.Station;
using Evse.Host.Storage;
using Evse.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Evse.Host.Tests.Api;

/// <summary>Hours of operation, cold-load pickup and Resume Charge After Reboot, as the running daemon applies them.</summary>
public sealed class ScheduleThroughTheDaemonTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ClosedToday_NoPowerIsOfferedAndTheStatusSaysWhy()
    {
        // The fake clock starts on Monday 2026-01-05 08:00 UTC.
        var settings = new Dictionary<string, string>
        {
            ["Station:PlugAndChargeId"] = "FREEVEND01",
            ["Station:TimeZone"] = "UTC",
            ["Station:HoursOfOperation:Monday"] = "1200-1800",
        };
        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var client = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));

        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
        var connector = await Eventually.GetAsync(() => DaemonApi.ConnectorAsync(client), c => c.GetProperty("status").GetString() == "SuspendedEVSE", "SuspendedEVSE");

        Assert.False(connector.GetProperty("contactorClosed").GetBoolean());
        Assert.Equal("Schedule", connector.GetProperty("limit").GetProperty("binding").GetString());
        Assert.True(connector.GetProperty("limit").GetProperty("paused").GetBoolean());
        Assert.Contains("outside hours of operation", connector.GetProperty("limit").GetProperty("why").GetString(), StringComparison.Ordinal);

        await app.AdvanceAsync(TimeSpan.FromHours(4), TimeSpan.FromSeconds(30));

        // The schedule worker is not one of the loops AdvanceAsync waits for: on a loaded machine its 12:00 check can
        // come after the last step, and the close still needs the self test's fake time. So keep stepping, a second
        // at a time, for a bounded real time.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        string? status;
        do
        {
            await app.AdvanceAsync(TimeSpan.FromSeconds(1));
            status = (await DaemonApi.ConnectorAsync(client)).GetProperty("status").GetString();
        }
        while (status != "Charging" && waited.Elapsed < TimeSpan.FromSeconds(30));

        Assert.Equal("Charging", status);
        Assert.True(app.Time.GetUtcNow() < new DateTimeOffset(2026, 1, 5, 12, 5, 0, TimeSpan.Zero), $"charging began only at {app.Time.GetUtcNow():O}");
    }

    [Fact]
    public async Task PowerFailure_ColdLoadPickupHoldsPowerBetween120And720Seconds()
    {
        await File.WriteAllTextAsync(Path.Combine(_data.Path, BootCauseDetector.MarkerName), "1");
        using var app = new EvseAppFactory(
            _data.Path,
            settings: new Dictionary<string, string> { ["Station:PlugAndChargeId"] = "FREEVEND01" },
            services: s => s.AddSingleton(new BootCauseDetector(_data.Path, () => TimeSpan.FromMinutes(1))));
        using var client = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });

        var held = await Eventually.GetAsync(() => DaemonApi.ConnectorAsync(client), c => c.GetProperty("status").GetString() == "SuspendedEVSE", "held by cold-load pickup");
        Assert.Contains("cold", held.GetProperty("limit").GetProperty("why").GetString(), StringComparison.OrdinalIgnoreCase);
        await app.AdvanceAsync(TimeSpan.FromSeconds(110), TimeSpan.FromSeconds(1));
        Assert.Equal("SuspendedEVSE", (await DaemonApi.ConnectorAsync(client)).GetProperty("status").GetString());

        await app.AdvanceAsync(TimeSpan.FromSeconds(615), TimeSpan.FromSeconds(1));
        await Eventually.GetAsync(() => DaemonApi.ConnectorAsync(client), c => c.GetProperty("status").GetString() == "Charging", "charging after the hold");
    }

    [Fact]
    public async Task ResumeChargeAfterReboot_SameEvPluggedAtBoot_RestartsForTheSameIdTagAndRecordsThePowerFailure()
    {
        using (var db = new SqliteDatabase(_data.Path, NullLogger<SqliteDatabase>.Instance))
        {
            new SqliteChargingRecordStore(db).Begin(1, "04A1B2C3D4", DateTimeOffset.UnixEpoch, 0);
        }

        // The previous run did not stop in order and the system has just booted: a power failure.
        await File.WriteAllTextAsync(Path.Combine(_data.Path, BootCauseDetector.MarkerName), "1");
        using var app = new EvseAppFactory(
            _data.Path,
            settings: new Dictionary<string, string> { ["Station:ResumeChargeAfterReboot"] = "true", ["Station:ColdLoadPickupMaxDelaySeconds"] = "120" },
            services: s =>
            {
                s.AddSingleton(new BootCauseDetector(_data.Path, () => TimeSpan.FromMinutes(1)));
                s.AddSingleton(sp => BoardWithEv(sp, PilotState.C));
            });
        using var client = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(125), TimeSpan.FromSeconds(1));

        var charging = await Eventually.GetAsync(() => DaemonApi.ConnectorAsync(client), c => c.GetProperty("status").GetString() == "Charging", "the resumed session");
        Assert.Equal("04A1B2C3D4", charging.GetProperty("session").GetProperty("idTag").GetString());
        var records = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/records", UriKind.Relative));
        Assert.Equal(nameof(StopReason.PowerLoss), records[1].GetProperty("stopReason").GetString());
        var faults = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/faults", UriKind.Relative));
        Assert.Contains("Power Failure Fault", faults.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeChargeAfterReboot_EvUnpluggedAtBootThenAnotherEvPlugsIn_NoSessionWithoutAuthorization()
    {
        using (var db = new SqliteDatabase(_data.Path, NullLogger<SqliteDatabase>.Instance))
        {
            new SqliteChargingRecordStore(db).Begin(1, "04A1B2C3D4", DateTimeOffset.UnixEpoch, 0);
        }

        using var app = new EvseAppFactory(_data.Path, settings: new Dictionary<string, string> { ["Station:ResumeChargeAfterReboot"] = "true" });
        using var client = app.CreateClient();
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));

        // A different vehicle plugs in after the boot, well within ConnectionTimeOut.
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C" });
        await Eventually.GetAsync(() => DaemonApi.ConnectorAsync(client), c => c.GetProperty("status").GetString() == "Preparing", "waiting for authorization");
        await app.AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));

        var connector = await DaemonApi.ConnectorAsync(client);
        Assert.Equal("Preparing", connector.GetProperty("status").GetString());
        Assert.False(connector.GetProperty("contactorClosed").GetBoolean());
        var records = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/records", UriKind.Relative));
        Assert.Equal(1, records.GetArrayLength());
    }

    /// <summary>The simulated board of one connector with its vehicle already in <paramref name="state"/> when the daemon boots.</summary>
    private static SimulatedBoard BoardWithEv(IServiceProvider services, PilotState state)
    {
        var board = new SimulatedBoard(1, services.GetRequiredService<IOptions<SimulationOptions>>().Value, services.GetRequiredService<TimeProvider>());
        board.SimulatedConnectors[0].Ev.Set(state);
        return board;
    }
}
