namespace Evse.Host.Options;

public enum HardwareMode
{
    /// <summary>Every part simulated in memory; the /api/sim routes drive it.</summary>
    Simulated,

    /// <summary>The real board through libgpiod, spidev, sysfs PWM, i2c-dev and serial ports.</summary>
    Linux,
}
