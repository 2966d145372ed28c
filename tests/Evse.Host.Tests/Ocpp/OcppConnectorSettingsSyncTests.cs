using Evse.Core.Control;
using Evse.Host.Tests.Support;
using Evse.Ocpp.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Evse.Host.Tests.Ocpp;

/// <summary>The OCPP connector keys reach the connectors of the running daemon (no Central System needs to answer).</summary>
public sealed class OcppConnectorSettingsSyncTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Start_OcppConfigured_OcppKeysWinOverStationOptionsAndChangesReachConnectors()
    {
        var settings = new Dictionary<string, string>
        {
            ["Ocpp:CentralSystemUrl"] = "ws://127.0.0.1:9/ocpp",
            ["Ocpp:ChargePointId"] = "CP-SYNC",
            ["Station:PlugAndChargeId"] = "FREEVEND01",
            ["Station:ConnectionTimeOutSeconds"] = "120",
        };
        using var app = new EvseAppFactory(_data.Path, settings: settings);
        using var client = app.CreateClient();
        var connector = app.Services.GetRequiredService<StationController>().Find(1)!;

        // OCPP's ConnectionTimeOut default (900 s, seed 001) replaces the station option once the daemon runs.
        await Eventually.True(() => connector.Snapshot.State.Settings.ConnectionTimeOut == TimeSpan.FromSeconds(900), "ConnectionTimeOut from OCPP at start");

        var configuration = app.Services.GetRequiredService<ConfigurationService>();
        Assert.Equal(ChangeConfigurationStatus.Accepted, configuration.ChangeConfiguration("ConnectionTimeOut", "45"));
        Assert.Equal(ChangeConfigurationStatus.Accepted, configuration.ChangeConfiguration("StopTransactionOnEVSideDisconnect", "false"));

        await Eventually.True(
            () => connector.Snapshot.State.Settings is { StopTransactionOnEVSideDisconnect: false } s && s.ConnectionTimeOut == TimeSpan.FromSeconds(45),
            "the changed keys on connector 1");
        Assert.Equal("FREEVEND01", connector.Snapshot.State.Settings.PlugAndChargeId);
    }
}
