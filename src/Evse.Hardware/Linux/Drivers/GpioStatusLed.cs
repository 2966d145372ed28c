using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Gpio;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>
/// An RGB status LED on three outputs. Mixed colours: pink = red + blue, yellow = red + green.
/// Flashing runs on a TimeProvider timer ticking every 250 ms: fast flash toggles every tick (2 Hz),
/// slow flash every second tick (1 s on, 1 s off is too lazy to read as "flashing"; 0.5 s on, 0.5 s off).
/// </summary>
public sealed class GpioStatusLed : IStatusLed, IDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private readonly IGpioOutput _red;
    private readonly IGpioOutput _green;
    private readonly IGpioOutput _blue;
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private long _ticks;

    public GpioStatusLed(IGpioOutput red, IGpioOutput green, IGpioOutput blue, TimeProvider time)
    {
        _red = red;
        _green = green;
        _blue = blue;
        _timer = time.CreateTimer(_ => OnTick(), null, Tick, Tick);
        Apply();
    }

    public LedPattern Pattern { get; private set; } = LedPattern.Off;

    public void Show(LedPattern pattern)
    {
        lock (_gate)
        {
            Pattern = pattern;
            _ticks = 0;
            Apply();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Show(LedPattern.Off);
        _red.Dispose();
        _green.Dispose();
        _blue.Dispose();
    }

    private void OnTick()
    {
        lock (_gate)
        {
            _ticks++;
            Apply();
        }
    }

    private void Apply()
    {
        var (red, green, blue, ticksPerHalfPeriod) = Pattern switch
        {
            LedPattern.GreenSteady => (false, true, false, 0),
            LedPattern.GreenFastFlash => (false, true, false, 1),
            LedPattern.GreenSlowFlash => (false, true, false, 2),
            LedPattern.BlueSlowFlash => (false, false, true, 2),
            LedPattern.RedSteady => (true, false, false, 0),
            LedPattern.RedFlashing => (true, false, false, 2),
            LedPattern.PinkSteady => (true, false, true, 0),
            LedPattern.YellowSteady => (true, true, false, 0),
            LedPattern.YellowFlashing => (true, true, false, 2),
            _ => (false, false, false, 0),
        };
        var lit = ticksPerHalfPeriod == 0 || (_ticks / ticksPerHalfPeriod) % 2 == 0;
        _red.Write(red && lit);
        _green.Write(green && lit);
        _blue.Write(blue && lit);
    }
}
