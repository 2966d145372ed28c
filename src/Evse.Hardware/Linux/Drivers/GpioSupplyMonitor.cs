using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Gpio;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>The PE monitor and L-N polarity detector outputs on two inputs (active = healthy).</summary>
public sealed class GpioSupplyMonitor(IGpioInput groundOk, IGpioInput polarityOk) : ISupplyMonitor, IDisposable
{
    public SupplyCheck Read() => new(groundOk.Read(), polarityOk.Read());

    public void Dispose()
    {
        groundOk.Dispose();
        polarityOk.Dispose();
    }
}
