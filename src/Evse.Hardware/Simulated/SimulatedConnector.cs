using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

/// <summary>
/// One connector of the simulated board with its virtual EV. The physics are evaluated lazily against the
/// <see cref="TimeProvider"/>: the energy register integrates V × I per phase piecewise between every change,
/// so a test that advances a fake clock gets exact energies without any background thread.
/// </summary>
public sealed class SimulatedConnector : IConnectorHardware
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly SimulatedGrid _grid;
    private readonly Func<SimulatedFault, bool> _isFaultActive;
    private readonly SimPilotGenerator _pilot;
    private readonly SimPilotSense _sense;
    private readonly SimContactor _contactor;
    private readonly SimEnergyMeter _meter;
    private readonly SimResidualCurrentMonitor _rcd;
    private readonly SimTemperatureSensors _temperatures;

    // Physics state, guarded by _gate.
    private DateTimeOffset _integratedUntil;
    private double _energyWh;
    private double _drawAmps;
    private double _targetAmps;
    private DateTimeOffset? _targetFrom;

    internal SimulatedConnector(int connectorId, SimulationOptions options, SimulatedGrid grid, TimeProvider time, Func<SimulatedFault, bool> isFaultActive)
    {
        ConnectorId = connectorId;
        _time = time;
        _grid = grid;
        _isFaultActive = isFaultActive;
        _integratedUntil = time.GetUtcNow();
        Ev = new VirtualEv { ResponseDelay = options.EvResponseDelay };
        _pilot = new SimPilotGenerator(this);
        _sense = new SimPilotSense(this);
        _contactor = new SimContactor(this);
        _meter = new SimEnergyMeter(this);
        _rcd = new SimResidualCurrentMonitor(this);
        _temperatures = new SimTemperatureSensors(this);
        if (options.SocketOutlet)
        {
            SocketLock = new SimSocketLock(this);
            ProximityPilot = new SimProximityPilot(this, options.CableResistanceOhms);
        }

        Ev.Changed += OnWorldChanged;
        grid.Changed += OnWorldChanged;
    }

    public int ConnectorId { get; }

    /// <summary>The vehicle plugged into this connector.</summary>
    public VirtualEv Ev { get; }

    public IPilotGenerator Pilot => _pilot;

    public IPilotSense PilotSense => _sense;

    public IContactor Contactor => _contactor;

    public IEnergyMeter Meter => _meter;

    public IResidualCurrentMonitor ResidualCurrent => _rcd;

    public ITemperatureSensors Temperatures => _temperatures;

    public ISocketLock? SocketLock { get; }

    public IProximityPilot? ProximityPilot { get; }

    /// <summary>The current the EV draws now, per phase.</summary>
    public PhaseValues CurrentAmps
    {
        get
        {
            lock (_gate)
            {
                Integrate(_time.GetUtcNow());
                return Spread(_drawAmps);
            }
        }
    }

    /// <summary>The meter register in Wh.</summary>
    public double EnergyWh
    {
        get
        {
            lock (_gate)
            {
                Integrate(_time.GetUtcNow());
                return _energyWh;
            }
        }
    }

    /// <summary>Starts the register at a stored value, as a real metering IC keeps its energy across restarts.</summary>
    public void RestoreEnergy(double energyWh)
    {
        lock (_gate)
        {
            _energyWh = Math.Max(_energyWh, energyWh);
        }
    }

    internal bool IsFaultActive(SimulatedFault fault) => _isFaultActive(fault);

    internal SimulatedGrid Grid => _grid;

    internal DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Called after anything the physics depend on changed: re-plan the draw and tell the pilot sense.</summary>
    internal void OnWorldChanged()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Integrate(now);
            Replan(now);
        }

        _sense.Refresh();
    }

    internal MeterSample ReadMeter()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Integrate(now);
            var voltage = _grid.VoltageVolts;
            var current = Spread(_drawAmps);
            var power = new PhaseValues(voltage.L1 * current.L1, voltage.L2 * current.L2, voltage.L3 * current.L3);
            return new MeterSample(voltage, current, power, _energyWh, _grid.FrequencyHz);
        }
    }

    internal PilotReading ComputePilotReading()
    {
        if (IsFaultActive(SimulatedFault.CpShort))
        {
            return new PilotReading(0, 0);
        }

        var output = _pilot.Output;
        if (output.Mode == PilotOutputMode.SteadyNegative)
        {
            return new PilotReading(-12, -12);
        }

        var level = Ev.State switch
        {
            PilotState.A => 12.0,
            PilotState.B => 9.0,
            PilotState.C => 6.0,
            PilotState.D => 3.0,
            PilotState.E => 0.0,
            _ => -12.0,
        };
        if (output.Mode == PilotOutputMode.SteadyPositive)
        {
            return new PilotReading(level, level);
        }

        var diode = Ev.HasDiode && !IsFaultActive(SimulatedFault.DiodeMissing);
        var low = Ev.State == PilotState.A || diode ? -12.0 : -level;
        return new PilotReading(level, low);
    }

    /// <summary>What the EV wants to draw with the current pilot, contactor and faults.</summary>
    private double WantedAmps()
    {
        var flowing = _contactor.FeedbackClosed && Ev.State is PilotState.C or PilotState.D;
        if (!flowing)
        {
            return 0;
        }

        var output = _pilot.Output;
        var offered = output.Mode == PilotOutputMode.Pwm ? PilotDuty.AmpsFor(output.DutyPercent) : 0;
        return IsFaultActive(SimulatedFault.OverCurrent) ? 1.5 * Math.Max(offered, 6) : Math.Min(Ev.MaxCurrentAmps, offered);
    }

    private void Replan(DateTimeOffset now)
    {
        var wanted = WantedAmps();
        if (wanted == _drawAmps)
        {
            _targetFrom = null;
            return;
        }

        // Starting or stopping to draw is immediate (the contactor or the EV itself switches); a change of the
        // offered current takes the EV's response delay.
        if (_drawAmps == 0 || wanted == 0)
        {
            _drawAmps = wanted;
            _targetFrom = null;
            return;
        }

        if (_targetFrom is null || wanted != _targetAmps)
        {
            _targetAmps = wanted;
            _targetFrom = now + Ev.ResponseDelay;
        }
    }

    private void Integrate(DateTimeOffset now)
    {
        while (_integratedUntil < now)
        {
            var segmentEnd = _targetFrom is { } switchAt && switchAt > _integratedUntil && switchAt < now ? switchAt : now;
            var voltage = _grid.VoltageVolts;
            var current = Spread(_drawAmps);
            var watts = (voltage.L1 * current.L1) + (voltage.L2 * current.L2) + (voltage.L3 * current.L3);
            _energyWh += watts * (segmentEnd - _integratedUntil).TotalHours;
            _integratedUntil = segmentEnd;
            if (_targetFrom is { } due && due <= _integratedUntil)
            {
                _drawAmps = _targetAmps;
                _targetFrom = null;
            }
        }
    }

    private PhaseValues Spread(double amps)
    {
        var phases = Math.Min(Ev.Phases, _grid.Phases);
        return phases switch
        {
            1 => PhaseValues.OnePhase(amps),
            2 => new PhaseValues(amps, amps, 0),
            _ => PhaseValues.All(amps),
        };
    }
}
