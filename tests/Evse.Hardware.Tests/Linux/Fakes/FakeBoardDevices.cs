using Evse.Hardware.Linux.Board;
using Evse.Hardware.Linux.Gpio;
using Evse.Hardware.Linux.I2c;
using Evse.Hardware.Linux.Pwm;
using Evse.Hardware.Linux.Serial;
using Evse.Hardware.Linux.Spi;

namespace Evse.Hardware.Tests.Linux.Fakes;

/// <summary>Hands out fakes and records what the loader asked for.</summary>
internal sealed class FakeBoardDevices : IBoardDevices
{
    public Dictionary<string, FakeGpioOutput> Outputs { get; } = [];

    public Dictionary<string, FakeGpioInput> Inputs { get; } = [];

    public List<string> Opened { get; } = [];

    public int LineCount { get; set; } = 54;

    public bool Disposed { get; private set; }

    public IGpioOutput OpenOutput(string chip, int line, bool activeLow, bool initialActive)
    {
        CheckLine(chip, line);
        Opened.Add($"out {chip}:{line}");
        return Outputs[$"{chip}:{line}"] = new FakeGpioOutput();
    }

    public IGpioInput OpenInput(string chip, int line, bool activeLow, bool withEdges)
    {
        CheckLine(chip, line);
        Opened.Add($"in {chip}:{line}{(withEdges ? " edges" : string.Empty)}{(activeLow ? " activeLow" : string.Empty)}");
        return Inputs[$"{chip}:{line}"] = new FakeGpioInput();
    }

    public ISpiDevice OpenSpi(string path, int mode, int speedHz)
    {
        Opened.Add($"spi {path} mode {mode} {speedHz} Hz");
        return path.EndsWith(".1", StringComparison.Ordinal) ? new FakeAtm90e32() : new FakeMcp3x0x(false) { CodeFor = (_, _) => 512 };
    }

    public IPwmChannel OpenPwm(int chip, int channel, bool inverted)
    {
        Opened.Add($"pwm {chip}/{channel}");
        return new FakePwmChannel();
    }

    public ISerialPort OpenSerial(string path, SerialSettings settings)
    {
        Opened.Add($"serial {path} {settings.BaudRate}");
        return new FakePn532Serial();
    }

    public II2cDevice OpenI2c(string path, int address)
    {
        Opened.Add($"i2c {path} 0x{address:X2}");
        return new FakeSsd1306(); // also stands in for a PN532 on I2C: its reads fail, so that reader stays offline
    }

    public void Dispose() => Disposed = true;

    private void CheckLine(string chip, int line)
    {
        if (line >= LineCount)
        {
            throw new ArgumentOutOfRangeException(nameof(line), line, $"GPIO chip {chip} has lines 0 to {LineCount - 1}.");
        }
    }
}
