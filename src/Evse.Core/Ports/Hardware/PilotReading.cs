namespace Evse.Core.Ports.Hardware;

/// <summary>
/// The pilot voltage measured in the high and the low phase of the PWM, in volts.
/// With a steady output both phases read the same level.
/// </summary>
public readonly record struct PilotReading(double HighVolts, double LowVolts)
{
    public override string ToString() => FormattableString.Invariant($"high {HighVolts:0.0} V, low {LowVolts:0.0} V");
}
