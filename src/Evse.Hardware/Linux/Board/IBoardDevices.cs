using Evse.Hardware.Linux.Gpio;
using Evse.Hardware.Linux.I2c;
using Evse.Hardware.Linux.Pwm;
using Evse.Hardware.Linux.Serial;
using Evse.Hardware.Linux.Spi;

namespace Evse.Hardware.Linux.Board;

/// <summary>
/// Opens the buses a board file names. The Linux implementation opens real device nodes; tests pass
/// fakes to check the wiring the loader builds. Disposing closes whatever it still owns (GPIO chips).
/// </summary>
public interface IBoardDevices : IDisposable
{
    IGpioOutput OpenOutput(string chip, int line, bool activeLow, bool initialActive);

    IGpioInput OpenInput(string chip, int line, bool activeLow, bool withEdges);

    ISpiDevice OpenSpi(string path, int mode, int speedHz);

    IPwmChannel OpenPwm(int chip, int channel, bool inverted);

    ISerialPort OpenSerial(string path, SerialSettings settings);

    II2cDevice OpenI2c(string path, int address);
}
