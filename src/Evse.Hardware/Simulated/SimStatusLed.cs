using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimStatusLed : IStatusLed
{
    private volatile int _pattern = (int)LedPattern.YellowFlashing;

    public LedPattern Pattern => (LedPattern)_pattern;

    public void Show(LedPattern pattern) => _pattern = (int)pattern;
}
