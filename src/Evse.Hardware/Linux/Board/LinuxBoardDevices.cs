using Evse.Hardware.Linux.Gpio;
using Evse.Hardware.Linux.I2c;
using Evse.Hardware.Linux.Pwm;
using Evse.Hardware.Linux.Serial;
using Evse.Hardware.Linux.Spi;

namespace Evse.Hardware.Linux.Board;

/// <summary>The real buses: libgpiod chips (opened once each), spidev, sysfs PWM, termios, i2c-dev.</summary>
public sealed class LinuxBoardDevices(string pwmSysfsRoot = "/sys/class/pwm") : IBoardDevices
{
    private readonly Dictionary<string, GpiodChip> _chips = new(StringComparer.Ordinal);

    public IGpioOutput OpenOutput(string chip, int line, bool activeLow, bool initialActive) =>
        Chip(chip).OpenOutput(line, activeLow, initialActive);

    public IGpioInput OpenInput(string chip, int line, bool activeLow, bool withEdges) =>
        Chip(chip).OpenInput(line, activeLow, withEdges);

    public ISpiDevice OpenSpi(string path, int mode, int speedHz) => new SpidevDevice(path, mode, speedHz);

    public IPwmChannel OpenPwm(int chip, int channel, bool inverted) =>
        new SysfsPwmChannel(pwmSysfsRoot, chip, channel, inverted, TimeSpan.FromSeconds(1));

    public ISerialPort OpenSerial(string path, SerialSettings settings) => new TermiosSerialPort(path, settings);

    public II2cDevice OpenI2c(string path, int address) => new I2cDevDevice(path, address);

    public void Dispose()
    {
        foreach (var chip in _chips.Values)
        {
            chip.Dispose();
        }

        _chips.Clear();
    }

    private GpiodChip Chip(string description)
    {
        if (!_chips.TryGetValue(description, out var chip))
        {
            chip = GpiodChip.Open(description);
            _chips.Add(description, chip);
        }

        return chip;
    }
}
