using Evse.Hardware.Linux.Chips;
using Evse.Hardware.Linux.Gpio;
using Evse.Hardware.Linux.I2c;
using Evse.Hardware.Linux.Modbus;
using Evse.Hardware.Linux.Serial;
using Evse.Hardware.Linux.Spi;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Hardware.Tests.Linux.Hil;

/// <summary>
/// Hardware-in-the-loop tests: they need a Raspberry Pi with the wiring of docs/hardware.md
/// ("HIL bench") and are excluded from CI with <c>--filter "Category!=Hil"</c>. Run on the bench with
/// <c>dotnet test tests/Evse.Hardware.Tests --filter "Category=Hil"</c>.
/// Bench wiring: GPIO20 jumpered to GPIO21; MOSI (GPIO10) jumpered to MISO (GPIO9) on SPI0 CE0;
/// ATM90E32 on SPI0 CE1 with mains on its voltage inputs; PN532 in I2C mode on /dev/i2c-1 at 0x24;
/// SSD1306 on /dev/i2c-1 at 0x3C; an SDM630 (address 2, 9600 8N1) on a USB-RS485 adapter at /dev/ttyUSB0.
/// </summary>
[Trait("Category", "Hil")]
public class HilBoardTests
{
    private static readonly string Chip = Environment.GetEnvironmentVariable("EVSE_HIL_GPIOCHIP") ?? "gpiochip0";

    [Fact]
    public void Gpio_Gpio20JumperedToGpio21_InputFollowsOutputWithEdges()
    {
        using var chip = GpiodChip.Open(Chip);
        using var output = chip.OpenOutput(20, activeLow: false, initialActive: false);
        using var input = chip.OpenInput(21, activeLow: false, withEdges: true);

        output.Write(true);

        Assert.True(input.TryWaitForEdge(TimeSpan.FromSeconds(1), out var edge));
        Assert.True(edge.BecameActive);
        Assert.True(input.Read());
    }

    [Fact]
    public void Spidev_MosiJumperedToMiso_ReadsBackWhatItWrote()
    {
        using var spi = new SpidevDevice("/dev/spidev0.0", 0, 1_000_000);
        byte[] sent = [0xA5, 0x5A, 0x00, 0xFF, 0x12];
        var received = new byte[sent.Length];

        spi.TransferFullDuplex(sent, received);

        Assert.Equal(sent, received);
    }

    [Fact]
    public void Atm90e32_OnSpi0Ce1WithMains_ReadsPlausibleVoltage()
    {
        var dir = Directory.CreateTempSubdirectory("hil-").FullName;
        using var spi = new SpidevDevice("/dev/spidev0.1", Atm90e32.SpiMode, Atm90e32.DefaultSpeedHz);
        var meter = new Atm90e32(spi, Atm90e32Calibration.Default, new FileEnergyCounterStore(Path.Combine(dir, "e.txt")), NullLogger<Atm90e32>.Instance);

        Assert.True(meter.TryRead(out var sample));
        Assert.InRange(sample.VoltageVolts.L1, 90, 265);
    }

    [Fact]
    public void Pn532_OnI2c1_ReportsFirmware()
    {
        using var chip = new Pn532(new Pn532I2cTransport(new I2cDevDevice("/dev/i2c-1", Pn532I2cTransport.DefaultAddress), TimeProvider.System));

        Assert.True(chip.TryGetFirmwareVersion(out var ic, out _, out _));
        Assert.Equal(0x32, ic);
    }

    [Fact]
    public void Sdm630_OnTtyUsb0_ReadsGridVoltage()
    {
        using var port = new TermiosSerialPort("/dev/ttyUSB0", new SerialSettings(9600));
        var meter = new SdmGridMeter(new ModbusRtuMaster(port, ModbusRtuOptions.Default, 9600), SdmModel.Sdm630, 2, NullLogger<SdmGridMeter>.Instance);

        Assert.True(meter.TryRead(out var sample));
        Assert.InRange(sample.VoltageVolts.L1, 90, 265);
        Assert.InRange(sample.FrequencyHz, 45, 65);
    }

    [Fact]
    public void Pn532CardReader_CardHeldToReader_RaisesItsUid()
    {
        var reader = new Pn532CardReader(
            new Pn532(new Pn532I2cTransport(new I2cDevDevice("/dev/i2c-1", Pn532I2cTransport.DefaultAddress), TimeProvider.System)),
            new FakeTimeProvider(),
            NullLogger<Pn532CardReader>.Instance);
        string? uid = null;
        reader.CardPresented += (_, u) => uid = u;

        // Hold an ISO 14443A card on the reader before starting this test.
        reader.PollOnce();
        reader.PollOnce();

        Assert.NotNull(uid);
        Assert.Matches("^[0-9A-F]{8,20}$", uid);
    }
}
