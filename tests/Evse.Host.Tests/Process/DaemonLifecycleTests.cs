using System.Net.Http.Json;
using System.Text.Json;
using Evse.Host.Tests.Support;

namespace Evse.Host.Tests.Process;

/// <summary>The daemon as a process: start, crash (SIGKILL) and orderly stop (SIGTERM) in the middle of a session.</summary>
public sealed class DaemonLifecycleTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Sigkill_MidSession_RestartEndsTheRecordWithPowerLossKeepingItsEnergy()
    {
        double energyBeforeKill;
        await using (var daemon = await StartChargingAsync())
        {
            var charging = await Eventually.GetAsync(
                daemon.ConnectorAsync,
                c => c.GetProperty("sessionEnergyWh").GetDouble() > 2,
                "2 Wh to flow");
            energyBeforeKill = charging.GetProperty("sessionEnergyWh").GetDouble();

            // Let one more progress write (every 0.5 s here) land, then pull the plug.
            await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);
            daemon.Kill();
            await daemon.WaitForExitAsync();
        }

        await using var restarted = await DaemonProcess.StartAsync(_data.Path);
        var records = await restarted.Client.GetFromJsonAsync<JsonElement>(new Uri("api/records", UriKind.Relative));
        var record = Assert.Single(records.EnumerateArray());
        Assert.Equal("PowerLoss", record.GetProperty("stopReason").GetString());
        Assert.Equal("FREEVEND01", record.GetProperty("idTag").GetString());
        Assert.True(record.GetProperty("energyWh").GetDouble() >= energyBeforeKill, $"energy kept {record.GetProperty("energyWh")} >= {energyBeforeKill}");
        Assert.Contains("interrupted by a power loss", restarted.Output, StringComparison.Ordinal);
        Assert.Equal("Available", (await restarted.ConnectorAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sigterm_MidSession_WithdrawsPowerAndClosesTheRecordBeforeExit()
    {
        await using var daemon = await StartChargingAsync();

        daemon.Terminate();
        await daemon.WaitForExitAsync();

        Assert.Equal(0, daemon.ExitCode);
        var output = daemon.Output;
        var withdrawn = output.IndexOf("ended (Reboot)", StringComparison.Ordinal);
        var stopped = output.IndexOf("power withdrawn on every connector", StringComparison.Ordinal);
        Assert.True(withdrawn >= 0, output);
        Assert.True(stopped > withdrawn, output);

        await using var restarted = await DaemonProcess.StartAsync(_data.Path);
        var records = await restarted.Client.GetFromJsonAsync<JsonElement>(new Uri("api/records", UriKind.Relative));
        Assert.Equal("Reboot", Assert.Single(records.EnumerateArray()).GetProperty("stopReason").GetString());
        Assert.DoesNotContain("interrupted by a power loss", restarted.Output, StringComparison.Ordinal);
    }

    private async Task<DaemonProcess> StartChargingAsync()
    {
        var daemon = await DaemonProcess.StartAsync(_data.Path, "--Station:PlugAndChargeId", "FREEVEND01", "--ControlLoop:ProgressInterval", "00:00:00.5");
        await daemon.PostAsync("api/sim/connectors/1/ev", new { state = "C" });
        await Eventually.GetAsync(daemon.ConnectorAsync, c => c.GetProperty("status").GetString() == "Charging", "Charging");
        return daemon;
    }
}
