using Evse.Hardware.Linux.Gpio;

namespace Evse.Hardware.Tests.Linux.Fakes;

internal sealed class FakeGpioOutput : IGpioOutput
{
    public List<bool> Writes { get; } = [];

    public bool IsActive { get; private set; }

    public bool Disposed { get; private set; }

    public void Write(bool active)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        IsActive = active;
        Writes.Add(active);
    }

    public void Dispose() => Disposed = true;
}
