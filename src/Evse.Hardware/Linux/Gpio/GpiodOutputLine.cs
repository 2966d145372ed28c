using Evse.Hardware.Linux.Interop;

namespace Evse.Hardware.Linux.Gpio;

/// <summary>An output line requested through libgpiod.</summary>
internal sealed class GpiodOutputLine(nint line, int offset, bool activeLow, bool initialActive) : IGpioOutput
{
    private readonly object _gate = new();
    private bool _released;

    public bool IsActive { get; private set; } = initialActive;

    public void Write(bool active)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_released, this);
            if (Gpiod.LineSetValue(line, active != activeLow ? 1 : 0) < 0)
            {
                throw NativeError.Last($"cannot set GPIO line {offset}");
            }

            IsActive = active;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_released)
            {
                _released = true;
                Gpiod.LineRelease(line);
            }
        }
    }
}
