namespace Evse.Core.Ports.Hardware;

/// <summary>The control pilot generator (hardware PWM, 1 kHz, ±12 V).</summary>
public interface IPilotGenerator
{
    /// <summary>What the generator drives now.</summary>
    PilotOutput Output { get; }

    /// <summary>Drives a new output. Fast and synchronous: called on the control path.</summary>
    void Drive(PilotOutput output);
}
