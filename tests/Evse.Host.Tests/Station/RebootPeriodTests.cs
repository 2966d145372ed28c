using Evse.Core.Control;
using Evse.Host.Station;
using Evse.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Evse.Host.Tests.Station;

/// <summary>Reboot Period through ScheduleWorker on the fake clock: restart only when idle, new sessions blocked first.</summary>
public sealed class RebootPeriodTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task RebootPeriod_IdleStation_BlocksNewSessionsThenRestarts()
    {
        using var app = new EvseAppFactory(_data.Path, settings: new Dictionary<string, string> { ["Station:RebootPeriodMinutes"] = "1" });
        using var client = app.CreateClient();
        await DaemonApi.StatusAsync(client);
        var restart = app.Services.GetRequiredService<RestartRequester>();
        var station = app.Services.GetRequiredService<StationController>();

        await app.AdvanceAsync(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(1));
        Assert.Null(restart.RequestedExitCode);

        // Second by second: once the restart is requested the loops stop, so AdvanceAsync's wait would not end.
        for (var i = 0; i < 15 && restart.RequestedExitCode is null; i++)
        {
            app.Time.Advance(TimeSpan.FromSeconds(1));
            var now = app.Time.GetUtcNow();
            await Eventually.True(() => restart.RequestedExitCode is not null || station.Connectors.All(c => c.At >= now), "the loops or the restart");
        }

        await Eventually.True(() => restart.RequestedExitCode == RestartRequester.ExitCode, "the planned restart");
        Assert.All(station.Connectors, c => Assert.True(c.State.RestartPending));
    }

    [Fact]
    public async Task RebootPeriod_SessionRunning_NoRestartAndNewSessionsNotBlocked()
    {
        var settings = new Dictionary<string, string> { ["Station:RebootPeriodMinutes"] = "1", ["Station:PlugAndChargeId"] = "FREEVEND01" };
        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var client = app.CreateClient();
        await DaemonApi.StatusAsync(client);
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "B", maxCurrentAmps = 32, phases = 1 });
        await DaemonApi.WaitForStatusAsync(client, "SuspendedEV");
        var restart = app.Services.GetRequiredService<RestartRequester>();
        var station = app.Services.GetRequiredService<StationController>();

        await app.AdvanceAsync(TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(1));

        Assert.Null(restart.RequestedExitCode);
        Assert.All(station.Connectors, c => Assert.False(c.State.RestartPending));
        Assert.NotNull(station.Connectors[0].State.Session);
    }
}
