namespace Evse.Hardware.Simulated;

/// <summary>The shape of the simulated board (configuration section <c>Simulation</c>).</summary>
public sealed class SimulationOptions
{
    public const string SectionName = "Simulation";

    /// <summary>1 or 3: the supply the station is connected to.</summary>
    public int GridPhases { get; set; } = 1;

    /// <summary>True for a Type 2 socket (socket lock and proximity pilot); false for a tethered cable.</summary>
    public bool SocketOutlet { get; set; }

    /// <summary>Cable coding resistor seen on the proximity pilot of a socket version, in ohms (220 Ω = 32 A).</summary>
    public double CableResistanceOhms { get; set; } = 220;

    /// <summary>Whether a grid meter is installed.</summary>
    public bool GridMeter { get; set; } = true;

    /// <summary>The DIP switch at power-up, 3 poles; null means ON OFF OFF (32 A). (Null, not an array default:
    /// the configuration binder appends to an existing array instead of replacing it.)</summary>
    public IReadOnlyList<bool>? DipSwitch { get; set; }

    /// <summary>How long the virtual EV takes to follow a new duty cycle.</summary>
    public TimeSpan EvResponseDelay { get; set; } = TimeSpan.FromSeconds(2);
}
