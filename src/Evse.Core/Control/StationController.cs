using Evse.Core.Charging;
using Evse.Core.Indication;
using Evse.Core.Ports;
using Evse.Core.Ports.Hardware;
using Evse.Core.Station;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Core.Control;

/// <summary>
/// The station: one <see cref="ConnectorController"/> per connector plus the shared parts (card reader,
/// status LED, display, grid meter). Routes a presented card to the connector it belongs to, keeps the LED
/// and display in step with the connectors, and samples the grid meter.
/// </summary>
/// <remarks>
/// The LED, display and buzzer are driven by an <see cref="IndicatorDriver"/> on a thread of their own: a connector's
/// loop publishes a status change (which only marks the frame stale) and queues beeps through the buzzer it is given,
/// and goes on at once. A slow or hung display never delays a trip.
/// </remarks>
public sealed class StationController : IStationView, IStationEventSink, IDisposable
{
    private static readonly TimeSpan IndicatorStopTimeout = TimeSpan.FromSeconds(2);

    private readonly IStationHardware _hardware;
    private readonly IStationEventSink _downstream;
    private readonly TimeProvider _time;
    private readonly TimeSpan _gridSampleInterval;
    private readonly ConnectorController[] _connectors;
    private readonly IndicatorDriver _indicators;
    private readonly StationActivity _activity;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GridReading _grid;
    private volatile bool _stationLocked;

    /// <param name="hardware">The board.</param>
    /// <param name="createConnector">
    /// Builds one connector's controller; it must publish to the sink it is given, watch the station parts it is given
    /// (connector 1 only) and beep through the buzzer it is given (the indicator thread's queue, not the hardware).
    /// </param>
    /// <param name="downstream">Where the connectors' events go after the station has looked at them.</param>
    /// <param name="time">The clock.</param>
    /// <param name="gridSampleInterval">How often the grid meter is read.</param>
    /// <param name="logger">Where a failing LED, display or buzzer is reported.</param>
    /// <param name="activity">Firmware update, network device and Central System link, fed by the Host; none when null.</param>
    public StationController(
        IStationHardware hardware,
        Func<IConnectorHardware, IStationEventSink, StationWatch?, IBuzzer, ConnectorController> createConnector,
        IStationEventSink downstream,
        TimeProvider time,
        TimeSpan gridSampleInterval,
        ILogger? logger = null,
        StationActivity? activity = null)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(createConnector);
        _hardware = hardware;
        _downstream = downstream;
        _time = time;
        _gridSampleInterval = gridSampleInterval;
        _grid = new GridReading(hardware.GridMeter is not null, null, null, false);
        var watch = new StationWatch(hardware.CardReader, hardware.GridMeter is not null, () => Volatile.Read(ref _grid).At);
        _indicators = new IndicatorDriver(hardware.StatusLed, hardware.Display, hardware.Buzzer, Compose, logger ?? NullLogger.Instance);
        _connectors = [.. hardware.Connectors.Select((c, i) => createConnector(c, this, i == 0 ? watch : null, _indicators))];
        _activity = activity ?? new StationActivity();
        _activity.Changed += _indicators.Refresh;
    }

    /// <summary>
    /// Completes when the station is ready, i.e. no longer booting: every connector's loop has started, taken its first
    /// sample and had its boot self test answered. Until then the LED flashes yellow and the display says
    /// "INITIALIZING..." (seed 000 Table 14, seed 001 Table 19).
    /// </summary>
    public Task Ready => _ready.Task;

    /// <summary>What the station does besides charging (firmware update, network), as the indicators show it.</summary>
    public StationActivity Activity => _activity;

    /// <summary>The LED, display and buzzer driver (tests look at it).</summary>
    public IndicatorDriver Indicators => _indicators;

    public IReadOnlyList<ConnectorController> ConnectorControllers => _connectors;

    public IReadOnlyList<ConnectorSnapshot> Connectors => [.. _connectors.Select(c => c.Snapshot)];

    public GridReading Grid => Volatile.Read(ref _grid);

    /// <summary>The station lock last set (seed 004 §9 "State Locking").</summary>
    public bool StationLocked => _stationLocked;

    /// <summary>
    /// Locks or unlocks every connector at run time: posted to each loop, so a session that runs keeps charging to its
    /// end (seed 004: "locked during charging, the charger cannot start the next charging after finishing this
    /// charging") and no new one starts. Safe to call before <see cref="RunAsync"/>: the loops take it first.
    /// </summary>
    public void SetStationLocked(bool locked)
    {
        _stationLocked = locked;
        foreach (var connector in _connectors)
        {
            connector.Post(new StationLockChanged(locked));
        }
    }

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
        using var indicatorsStop = new CancellationTokenSource();
        var indicators = _indicators.RunAsync(indicatorsStop.Token);
        _indicators.Refresh();
        try
        {
            var loops = _connectors.Select(c => Task.Run(() => c.RunAsync(shutdownReason, stoppingToken), CancellationToken.None)).ToList();
            loops.Add(Task.Run(() => SampleGridAsync(stoppingToken), CancellationToken.None));
            _ = MarkReadyAfterBootAsync(stoppingToken);
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        finally
        {
            _hardware.CardReader.CardPresented -= OnCardPresented;

            // The indicator thread ends after the frame it may be drawing; the shutdown pattern is shown after it, so a
            // late frame cannot overwrite it. A display that hangs keeps the thread: the pattern is then shown anyway.
            await indicatorsStop.CancelAsync().ConfigureAwait(false);
            try
            {
                await indicators.WaitAsync(IndicatorStopTimeout, _time, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Hung part: shown anyway below.
            }

            _hardware.StatusLed.Show(LedPattern.YellowSteady);
        }
    }

    public void Dispose()
    {
        _activity.Changed -= _indicators.Refresh;
        foreach (var connector in _connectors)
        {
            connector.Dispose();
        }

        _indicators.Dispose();
    }

    /// <summary>
    /// The connector a card belongs to: the one whose session it started (to stop it), else one with a vehicle
    /// waiting for authorization, else one reserved for it, else the first free one, else a reserved one (a reservation
    /// with a parentIdTag may admit it; anyone else hears the refusal there instead of nothing).
    /// </summary>
    public ConnectorController? RouteCard(string idTag)
    {
        var snapshots = _connectors.Select(c => (Controller: c, c.Snapshot.State)).ToList();
        return snapshots.FirstOrDefault(s => s.State.Session is { } session && string.Equals(session.IdTag, idTag, StringComparison.OrdinalIgnoreCase)).Controller
            ?? snapshots.FirstOrDefault(s => s.State.Session is null && s.State.Status == ChargePointStatus.Preparing).Controller
            ?? snapshots.FirstOrDefault(s => s.State.Status == ChargePointStatus.Reserved && s.State.Reservation is { } r && r.Admits(idTag, null)).Controller
            ?? snapshots.FirstOrDefault(s => s.State.Status == ChargePointStatus.Available).Controller
            ?? snapshots.FirstOrDefault(s => s.State.Status == ChargePointStatus.Reserved).Controller
            ?? snapshots.FirstOrDefault(s => s.State.Session is null && s.State.Status == ChargePointStatus.Finishing).Controller;
    }

    public void Publish(StationEvent stationEvent)
    {
        if (stationEvent is ConnectorStatusChanged or SessionStarted or SessionEnded)
        {
            // On the loop's thread: only mark the frame stale; the indicator thread draws it.
            _indicators.Refresh();
        }

        _downstream.Publish(stationEvent);
    }

    private async Task MarkReadyAfterBootAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(_connectors.Select(c => c.BootCompleted)).WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        _ready.TrySetResult();
        _indicators.Refresh();
    }

    private async Task SampleGridAsync(CancellationToken stoppingToken)
    {
        if (_hardware.GridMeter is not { } meter)
        {
            return;
        }

        using var timer = new PeriodicTimer(_gridSampleInterval, _time);
        try
        {
            do
            {
                var previous = Volatile.Read(ref _grid);
                Volatile.Write(ref _grid, meter.TryRead(out var sample)
                    ? new GridReading(true, sample, _time.GetUtcNow(), true)
                    : previous with { Answering = false });
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private void OnCardPresented(object? sender, string idTag)
    {
        if (RouteCard(idTag) is { } connector)
        {
            connector.Post(new IdTagPresented(idTag));
        }
        else
        {
            _indicators.Play(BuzzerPattern.Rejected);
        }
    }

    /// <summary>Seed 000 Table 14 for the one LED (the most important connector wins) and seed 001 Table 19 for the display. Runs on the indicator thread.</summary>
    private IndicationFrame Compose()
    {
        var booting = !_ready.Task.IsCompleted;
        var firmware = _activity.Firmware;
        var offline = _activity.CentralSystemOnline == false;
        var inputs = _connectors.Select(c => c.Snapshot).Select(s => (Snapshot: s, Inputs: new IndicationInputs(
            s.State.Status,
            s.State.ActiveFaults,
            s.LatchedFaults,
            booting,
            firmware,
            AuthorizedWaitingForVehicle: s.State.Session is null && s.State.AuthorizedIdTag is not null,
            CentralSystemOffline: offline))).ToList();
        var outOfService = LedPolicy.IsOutOfService([.. inputs.Select(i => i.Inputs)]);
        var first = inputs[0];
        return new IndicationFrame(
            LedPolicy.ForStation([.. inputs.Select(i => i.Inputs)]),
            DisplayComposer.Compose(
                first.Inputs with { OutOfService = outOfService },
                _activity.Network,
                first.Snapshot.Meter?.TotalPowerWatts ?? 0,
                first.Snapshot.State.SessionEnergyWh,
                first.Snapshot.Limit is { Paused: true } limit ? $"PAUSED: {limit.Binding.Source}" : null));
    }
}
