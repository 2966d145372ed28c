namespace Evse.Hardware.Linux.Pwm;

/// <summary>One hardware PWM channel.</summary>
public interface IPwmChannel : IDisposable
{
    /// <summary>Sets period and duty (0–1) and enables the output.</summary>
    void Set(TimeSpan period, double dutyFraction);

    /// <summary>Stops the output (the pin falls to its idle level).</summary>
    void Disable();
}
