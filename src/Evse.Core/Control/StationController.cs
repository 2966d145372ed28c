using Evse.Core.Charging;
using Evse.Core.Ports;
using Evse.Core.Ports.Hardware;
using Evse.Core.Station;

namespace Evse.Core.Control;

/// <summary>
/// The station: one <see cref="ConnectorController"/> per connector plus the shared parts (card reader,
/// status LED, display). Routes a presented card to the connector it belongs to and keeps the LED and
/// display in step with the connectors.
/// </summary>
public sealed class StationController : IStationView, IStationEventSink
{
    private readonly IStationHardware _hardware;
    private readonly IStationEventSink _downstream;
    private readonly ConnectorController[] _connectors;

    /// <param name="hardware">The board.</param>
    /// <param name="createConnector">Builds the controller of one connector; it must publish to the sink it is given.</param>
    /// <param name="downstream">Where the connectors' events go after the station has looked at them.</param>
    public StationController(
        IStationHardware hardware,
        Func<IConnectorHardware, IStationEventSink, ConnectorController> createConnector,
        IStationEventSink downstream)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(createConnector);
        _hardware = hardware;
        _downstream = downstream;
        _connectors = [.. hardware.Connectors.Select(c => createConnector(c, this))];
    }

    public IReadOnlyList<ConnectorController> ConnectorControllers => _connectors;

    public IReadOnlyList<ConnectorSnapshot> Connectors => [.. _connectors.Select(c => c.Snapshot)];

    /// <summary>The controller of a 1-based connector id, or null.</summary>
    public ConnectorController? Find(int connectorId) =>
        connectorId >= 1 && connectorId <= _connectors.Length ? _connectors[connectorId - 1] : null;

    public bool IsHealthy(out string reason)
    {
        foreach (var connector in _connectors)
        {
            if (!connector.IsHealthy(out reason))
            {
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }

    /// <summary>Runs every connector's loop until cancelled; returns when all have withdrawn power.</summary>
    public async Task RunAsync(StopReason shutdownReason, CancellationToken stoppingToken)
    {
        _hardware.CardReader.CardPresented += OnCardPresented;
        _hardware.StatusLed.Show(LedPattern.GreenSteady);
        try
        {
            await Task.WhenAll(_connectors.Select(c => Task.Run(() => c.RunAsync(shutdownReason, stoppingToken), CancellationToken.None))).ConfigureAwait(false);
        }
        finally
        {
            _hardware.CardReader.CardPresented -= OnCardPresented;
            _hardware.StatusLed.Show(LedPattern.YellowSteady);
        }
    }

    /// <summary>
    /// The connector a card belongs to: the one whose session it started (to stop it), else one with a vehicle
    /// waiting for authorization, else the first free one.
    /// </summary>
    public ConnectorController? RouteCard(string idTag)
    {
        var snapshots = _connectors.Select(c => (Controller: c, c.Snapshot.State)).ToList();
        return snapshots.FirstOrDefault(s => s.State.Session is { } session && string.Equals(session.IdTag, idTag, StringComparison.OrdinalIgnoreCase)).Controller
            ?? snapshots.FirstOrDefault(s => s.State.Session is null && s.State.Status == ChargePointStatus.Preparing).Controller
            ?? snapshots.FirstOrDefault(s => s.State.Status == ChargePointStatus.Available).Controller
            ?? snapshots.FirstOrDefault(s => s.State.Session is null && s.State.Status == ChargePointStatus.Finishing).Controller;
    }

    public void Publish(StationEvent stationEvent)
    {
        if (stationEvent is ConnectorStatusChanged)
        {
            _hardware.StatusLed.Show(Indicate());
        }

        _downstream.Publish(stationEvent);
    }

    private void OnCardPresented(object? sender, string idTag)
    {
        if (RouteCard(idTag) is { } connector)
        {
            connector.Post(new IdTagPresented(idTag));
        }
        else
        {
            _hardware.Buzzer.Play(BuzzerPattern.Rejected);
        }
    }

    /// <summary>Seed 000 Table 14: the most important connector state decides the one LED.</summary>
    private LedPattern Indicate()
    {
        var states = _connectors.Select(c => c.Snapshot.State).ToList();
        if (states.Any(s => s.Status == ChargePointStatus.Faulted))
        {
            return states.Any(s => s.ActiveFaults.Any(f => Protection.FaultCatalog.Describe(f).Hard)) ? LedPattern.RedSteady : LedPattern.RedFlashing;
        }

        if (states.Any(s => s.Status == ChargePointStatus.Charging))
        {
            return LedPattern.BlueSlowFlash;
        }

        if (states.Any(s => s.Status is ChargePointStatus.SuspendedEV or ChargePointStatus.SuspendedEVSE or ChargePointStatus.Finishing))
        {
            return LedPattern.GreenSlowFlash;
        }

        if (states.Any(s => s.Status == ChargePointStatus.Preparing))
        {
            return LedPattern.GreenFastFlash;
        }

        if (states.All(s => s.Status == ChargePointStatus.Reserved))
        {
            return LedPattern.PinkSteady;
        }

        return states.All(s => s.Status == ChargePointStatus.Unavailable) ? LedPattern.YellowSteady : LedPattern.GreenSteady;
    }
}
