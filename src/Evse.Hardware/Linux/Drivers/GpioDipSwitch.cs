using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Gpio;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>The 3-pole DIP switch on three inputs (usually active-low with pull-ups: ON pulls to ground).</summary>
public sealed class GpioDipSwitch(IGpioInput sw1, IGpioInput sw2, IGpioInput sw3) : IDipSwitch, IDisposable
{
    public DipSwitchPositions Read() => new(sw1.Read(), sw2.Read(), sw3.Read());

    public void Dispose()
    {
        sw1.Dispose();
        sw2.Dispose();
        sw3.Dispose();
    }
}
