namespace Evse.Core.Ports.Hardware;

/// <summary>The LED patterns of seed 000 Table 14 / seed 001 Table 20.</summary>
public enum LedPattern
{
    Off,
    GreenSteady,
    GreenFastFlash,
    GreenSlowFlash,
    BlueSlowFlash,
    RedSteady,
    RedFlashing,
    PinkSteady,
    YellowSteady,
    YellowFlashing,
}

/// <summary>The RGB status LED. The driver animates the flashing patterns itself.</summary>
public interface IStatusLed
{
    LedPattern Pattern { get; }

    void Show(LedPattern pattern);
}
