using Evse.Core.Pilot;

namespace Evse.Hardware.Simulated;

/// <summary>
/// The simulated vehicle on one connector: its pilot state, whether it has the pilot diode, its
/// maximum current and phase count. It follows a new offered current after <see cref="ResponseDelay"/>.
/// </summary>
public sealed class VirtualEv
{
    private readonly object _gate = new();
    private PilotState _state = PilotState.A;
    private double _maxCurrentAmps = 32;
    private int _phases = 1;

    public PilotState State
    {
        get { lock (_gate) { return _state; } }
    }

    public double MaxCurrentAmps
    {
        get { lock (_gate) { return _maxCurrentAmps; } }
    }

    public int Phases
    {
        get { lock (_gate) { return _phases; } }
    }

    public bool HasDiode { get; set; } = true;

    /// <summary>How long the vehicle takes to follow a new duty cycle (IEC 61851-1 allows it 5 s; default 2 s).</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.FromSeconds(2);

    internal event Action? Changed;

    /// <summary>Sets what the vehicle does; null leaves a value as it is.</summary>
    public void Set(PilotState? state = null, double? maxCurrentAmps = null, int? phases = null)
    {
        if (maxCurrentAmps is { } max && (double.IsNaN(max) || max < 0 || max > 80))
        {
            throw new ArgumentOutOfRangeException(nameof(maxCurrentAmps), max, "An EV draws 0 to 80 A.");
        }

        if (phases is { } p && p is not (1 or 2 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(phases), p, "An EV charges on 1, 2 or 3 phases.");
        }

        if (state == PilotState.A && State is PilotState.C or PilotState.D)
        {
            // A real vehicle stops drawing and goes to B before the plug can leave (the J1772 latch switch S3,
            // the Type 2 socket lock): unplugging while charging passes through B.
            lock (_gate)
            {
                _state = PilotState.B;
            }

            Changed?.Invoke();
        }

        lock (_gate)
        {
            _state = state ?? _state;
            _maxCurrentAmps = maxCurrentAmps ?? _maxCurrentAmps;
            _phases = phases ?? _phases;
        }

        Changed?.Invoke();
    }
}
