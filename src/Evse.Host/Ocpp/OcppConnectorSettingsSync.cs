using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Microsoft.Extensions.Hosting;

namespace Evse.Host.Ocpp;

/// <summary>
/// Posts <see cref="SettingsChanged"/> to every connector with the OCPP-owned connector settings
/// (<see cref="OcppConnectorSettings"/>): once at start, and again whenever ConnectionTimeOut or
/// StopTransactionOnEVSideDisconnect changes (ChangeConfiguration or the portal).
/// </summary>
public sealed class OcppConnectorSettingsSync(ConfigurationService configuration, StationController station) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        configuration.Changed += OnChanged;
        PostAll();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        configuration.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(object? sender, ConfigurationChangedEventArgs e)
    {
        if (OcppConnectorSettings.Affects(e.Key))
        {
            PostAll();
        }
    }

    private void PostAll()
    {
        foreach (var connector in station.ConnectorControllers)
        {
            connector.Post(new SettingsChanged(OcppConnectorSettings.Apply(connector.Snapshot.State.Settings, configuration)));
        }
    }
}
