using Evse.Core.Measurements;

namespace Evse.Hardware.Simulated;

/// <summary>The supply the simulated board sits on: voltage and household load per phase, frequency.</summary>
public sealed class SimulatedGrid
{
    private readonly object _gate = new();
    private PhaseValues _voltageVolts;
    private PhaseValues _householdAmps;
    private double _frequencyHz = 50;

    public SimulatedGrid(int phases)
    {
        _voltageVolts = phases == 1 ? PhaseValues.OnePhase(230) : PhaseValues.All(230);
        Phases = phases;
    }

    /// <summary>1 or 3: how the station is connected.</summary>
    public int Phases { get; }

    /// <summary>The voltage per phase as measured, with injected supply faults applied.</summary>
    public PhaseValues VoltageVolts
    {
        get
        {
            PhaseValues v;
            lock (_gate)
            {
                v = _voltageVolts;
            }

            var faults = Faults;
            if (faults is null)
            {
                return v;
            }

            if (faults(SimulatedFault.OverVoltage))
            {
                v = Scale(v, 290);
            }
            else if (faults(SimulatedFault.UnderVoltage))
            {
                v = Scale(v, 140);
            }

            return faults(SimulatedFault.PhaseLoss) && Phases == 3 ? v with { L2 = 0 } : v;
        }
    }

    /// <summary>The board's fault switchboard, consulted on every read.</summary>
    internal Func<SimulatedFault, bool>? Faults { get; set; }

    internal void NotifyChanged() => Changed?.Invoke();

    private static PhaseValues Scale(PhaseValues v, double volts) =>
        new(v.L1 > 0 ? volts : 0, v.L2 > 0 ? volts : 0, v.L3 > 0 ? volts : 0);

    public PhaseValues HouseholdAmps
    {
        get { lock (_gate) { return _householdAmps; } }
    }

    public double FrequencyHz
    {
        get { lock (_gate) { return _frequencyHz; } }
    }

    internal event Action? Changed;

    /// <summary>Sets the grid; null leaves a value as it is.</summary>
    public void Set(PhaseValues? voltageVolts = null, double? frequencyHz = null, PhaseValues? householdAmps = null)
    {
        lock (_gate)
        {
            _voltageVolts = voltageVolts ?? _voltageVolts;
            _frequencyHz = frequencyHz ?? _frequencyHz;
            _householdAmps = householdAmps ?? _householdAmps;
        }

        Changed?.Invoke();
    }
}
