using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

/// <summary>
/// A complete board with no hardware: every port of <see cref="IStationHardware"/> implemented in memory,
/// a <see cref="VirtualEv"/> per connector, a settable grid, and every fault of REQUIREMENTS §3 injectable.
/// Thread-safe: the HTTP simulation API changes it while the control loops read it.
/// </summary>
public sealed class SimulatedBoard : IStationHardware
{
    private readonly object _gate = new();
    private readonly HashSet<(SimulatedFault Fault, int ConnectorId)> _faults = [];
    private readonly SimulatedConnector[] _connectors;
    private readonly SimDipSwitch _dip;
    private readonly SimStatusLed _led = new();
    private readonly SimBuzzer _buzzer = new();
    private readonly SimCardReader _cardReader;
    private readonly SimDisplay _display = new();
    private readonly SimSupplyMonitor _supply;

    public SimulatedBoard(int connectorCount, SimulationOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(connectorCount, 1);
        if (options.GridPhases is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.GridPhases, "Simulation:GridPhases is 1 or 3.");
        }

        var dip = options.DipSwitch ?? [true, false, false];
        if (dip.Count != 3)
        {
            throw new ArgumentException("Simulation:DipSwitch has exactly 3 poles.", nameof(options));
        }

        Grid = new SimulatedGrid(options.GridPhases) { Faults = f => IsActive(f, 0) };
        _connectors = [.. Enumerable.Range(1, connectorCount).Select(id => new SimulatedConnector(id, options, Grid, time, f => IsActive(f, id)))];
        _dip = new SimDipSwitch(new DipSwitchPositions(dip[0], dip[1], dip[2]));
        _cardReader = new SimCardReader(f => IsActive(f, 0));
        _supply = new SimSupplyMonitor(f => IsActive(f, 0));
        GridMeter = options.GridMeter ? new SimGridMeter(Grid, _connectors, f => IsActive(f, 0)) : null;
    }

    public SimulatedGrid Grid { get; }

    public IReadOnlyList<SimulatedConnector> SimulatedConnectors => _connectors;

    public IReadOnlyList<IConnectorHardware> Connectors => _connectors;

    public IDipSwitch DipSwitch => _dip;

    public IStatusLed StatusLed => _led;

    public IBuzzer Buzzer => _buzzer;

    public ICardReader CardReader => _cardReader;

    public IDisplay Display => _display;

    public ISupplyMonitor Supply => _supply;

    public IGridMeter? GridMeter { get; }

    /// <summary>The patterns the buzzer played most recently, oldest first.</summary>
    public IReadOnlyList<BuzzerPattern> BuzzerHistory => _buzzer.Played;

    /// <summary>What the display shows now.</summary>
    public DisplayContent DisplayContent => _display.Content;

    /// <summary>The connector with this 1-based id, or null.</summary>
    public SimulatedConnector? FindConnector(int connectorId) =>
        connectorId >= 1 && connectorId <= _connectors.Length ? _connectors[connectorId - 1] : null;

    public void SetDipSwitch(DipSwitchPositions positions) => _dip.Set(positions);

    /// <summary>Holds a card to the reader. False when the reader is offline.</summary>
    public bool PresentCard(string uid) => _cardReader.Present(uid);

    /// <summary>The faults injected now, with the connector they apply to (0: every connector).</summary>
    public IReadOnlyList<(SimulatedFault Fault, int ConnectorId)> ActiveFaults
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults.OrderBy(f => f.Fault).ThenBy(f => f.ConnectorId)];
            }
        }
    }

    /// <summary>Injects or clears a fault on one connector, or with <paramref name="connectorId"/> 0 on all of them.</summary>
    public void SetFault(SimulatedFault fault, bool active, int connectorId = 0)
    {
        if (connectorId != 0 && FindConnector(connectorId) is null)
        {
            throw new ArgumentOutOfRangeException(nameof(connectorId), connectorId, "No such connector.");
        }

        lock (_gate)
        {
            if (active ? !_faults.Add((fault, connectorId)) : !_faults.Remove((fault, connectorId)))
            {
                return;
            }
        }

        var affected = connectorId == 0 ? _connectors : [_connectors[connectorId - 1]];
        foreach (var connector in affected)
        {
            var contactor = (SimContactor)connector.Contactor;
            if (fault == SimulatedFault.RelayWelded)
            {
                if (active)
                {
                    contactor.WeldIfClosed();
                }
                else
                {
                    contactor.Repair();
                }
            }

            connector.OnWorldChanged();
            if (fault == SimulatedFault.ResidualCurrent && active)
            {
                ((SimResidualCurrentMonitor)connector.ResidualCurrent).RaiseTripped();
            }
        }

        Grid.NotifyChanged();
    }

    private bool IsActive(SimulatedFault fault, int connectorId)
    {
        lock (_gate)
        {
            return _faults.Contains((fault, 0)) || (connectorId != 0 && _faults.Contains((fault, connectorId)));
        }
    }
}
