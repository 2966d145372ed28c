namespace Evse.Core.Ports.Hardware;

/// <summary>Pilot sense: the ADC that samples the CP line in both PWM phases.</summary>
public interface IPilotSense
{
    /// <summary>The newest reading.</summary>
    PilotReading Read();

    /// <summary>
    /// Raised from the sampling thread whenever the reading moves into a different voltage
    /// band. Handlers must be quick: they run on the driver's thread.
    /// </summary>
    event EventHandler<PilotReading>? ReadingChanged;
}
