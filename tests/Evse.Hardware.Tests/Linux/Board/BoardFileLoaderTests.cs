using Evse.Testing.Serial;
using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Board;
using Evse.Hardware.Linux.Chips;
using Evse.Hardware.Linux.Drivers;
using Evse.Hardware.Linux.Modbus;
using Evse.Hardware.Tests.Linux.Fakes;
using Evse.Hardware.Tests.Linux.Modbus;
using Evse.Hardware.Tests.Linux.Serial;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Hardware.Tests.Linux.Board;

public sealed class BoardFileLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("board-").FullName;
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Load_EmptyBoard_EveryPartFromSimulated()
    {
        var sim = SimulatedStation.Create();

        using var station = Load("{}", sim, new FakeBoardDevices());

        Assert.Same(sim.Connectors[0], station.Connectors[0]);
        Assert.Same(sim.CardReader, station.CardReader);
        Assert.Same(sim.GridMeter, station.GridMeter);
        Assert.Empty(station.RealParts);
    }

    [Fact]
    public void Load_SampleRpiBoard_BuildsEveryRealPartOnItsPins()
    {
        var json = File.ReadAllText(SampleBoard("rpi-evse-hat.json")).Replace("/var/lib/evse-daemon", _dir, StringComparison.Ordinal);
        var devices = new FakeBoardDevices();
        var sim = SimulatedStation.Create();

        using var station = Load(json, sim, devices);

        var c = station.Connectors[0];
        Assert.IsType<PwmPilotGenerator>(c.Pilot);
        Assert.IsType<AdcPilotSense>(c.PilotSense);
        Assert.IsType<GpioContactor>(c.Contactor);
        Assert.IsType<Atm90e32>(c.Meter);
        Assert.IsType<GpioResidualCurrentMonitor>(c.ResidualCurrent);
        Assert.IsType<GpioSocketLock>(c.SocketLock);
        Assert.IsType<AdcProximityPilot>(c.ProximityPilot);
        Assert.IsType<Pn532CardReader>(station.CardReader);
        Assert.IsType<Ssd1306>(station.Display);
        Assert.IsType<SdmGridMeter>(station.GridMeter);
        Assert.Contains("in pinctrl-bcm2711:5 edges", devices.Opened);
        Assert.Contains("in pinctrl-bcm2711:22 activeLow", devices.Opened);
        Assert.Contains("spi /dev/spidev0.1 mode 3 160000 Hz", devices.Opened);
        Assert.Contains("serial /dev/ttyUSB0 9600", devices.Opened);
        Assert.Contains("i2c /dev/i2c-1 0x24", devices.Opened);
        Assert.Contains("i2c /dev/i2c-1 0x3C", devices.Opened);
        Assert.Equal(25.0, c.Temperatures.Read().RelayCelsius, 1);
        Assert.True(c.Meter.TryRead(out _));
    }

    [Fact]
    public void Load_RcdTrip_OpensTheRealContactorOfItsConnector()
    {
        var devices = new FakeBoardDevices();
        const string json = """
            { "connectors": [ { "contactor": { "pin": 17 }, "residualCurrent": { "tripPin": 5, "testPin": 6 } } ] }
            """;
        using var station = Load(json, SimulatedStation.Create(), devices);
        var c = station.Connectors[0];
        c.Contactor.Close();
        using var tripped = new ManualResetEventSlim();
        c.ResidualCurrent.Tripped += (_, _) => tripped.Set();

        devices.Inputs["gpiochip0:5"].Drive(true);

        Assert.True(tripped.Wait(TimeSpan.FromSeconds(5)));
        Assert.False(devices.Outputs["gpiochip0:17"].IsActive);
    }

    [Fact]
    public void Load_MixedConnector_TakesOnlyNamedPartsReal()
    {
        var sim = SimulatedStation.Create(2);
        const string json = """{ "connectors": [ { "contactor": { "pin": 17 }, "pilot": "simulated" } ] }""";

        using var station = Load(json, sim, new FakeBoardDevices());

        Assert.IsType<GpioContactor>(station.Connectors[0].Contactor);
        Assert.Same(sim.Connectors[0].Pilot, station.Connectors[0].Pilot);
        Assert.Same(sim.Connectors[0].Meter, station.Connectors[0].Meter);
        Assert.Same(sim.Connectors[1], station.Connectors[1]);
        Assert.Equal(["connectors[0].contactor"], station.RealParts);
    }

    [Fact]
    public void Load_NoneForOptionalParts_LeavesThemOut()
    {
        const string json = """{ "gridMeter": "none", "connectors": [ { "socketLock": "none", "proximityPilot": "none" } ] }""";

        using var station = Load(json, SimulatedStation.Create(), new FakeBoardDevices());

        Assert.Null(station.GridMeter);
        Assert.Null(station.Connectors[0].SocketLock);
        Assert.Null(station.Connectors[0].ProximityPilot);
    }

    [Theory]
    [InlineData("""{ "buzzer": { } }""", "buzzer.pin")]
    [InlineData("""{ "buzzer": { "pin": "twelve" } }""", "buzzer.pin")]
    [InlineData("""{ "gridMeter": { "model": "SDM72", "serial": "/dev/ttyUSB0" } }""", "gridMeter.model")]
    [InlineData("""{ "gridMeter": { "model": "SDM630", "serial": "/dev/ttyUSB0", "address": 0 } }""", "gridMeter.address")]
    [InlineData("""{ "connectors": [ { "pilotSense": { "adc": "adc9", "channel": 0 } } ] }""", "connectors[0].pilotSense.adc")]
    [InlineData("""{ "connectors": [ {}, {} ] }""", "connectors[1]")]
    [InlineData("""{ "dipSwitch": { "pins": [1, 2] } }""", "dipSwitch.pins")]
    [InlineData("""{ "buzzer": 5 }""", "buzzer")]
    public void Load_BadKey_ThrowsNamingTheKey(string json, string key)
    {
        var ex = Assert.Throws<BoardFileException>(() => Load(json, SimulatedStation.Create(), new FakeBoardDevices()));

        Assert.Equal(key, ex.Key);
        Assert.Contains($"'{key}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PinUsedTwice_ThrowsNamingBothKeys()
    {
        const string json = """{ "buzzer": { "pin": 12 }, "statusLed": { "redPin": 12, "greenPin": 19, "bluePin": 26 } }""";

        var ex = Assert.Throws<BoardFileException>(() => Load(json, SimulatedStation.Create(), new FakeBoardDevices()));

        Assert.Equal("buzzer.pin", ex.Key);
        Assert.Contains("'statusLed.redPin'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PinBeyondChip_ThrowsNamingKeyAndLine()
    {
        var devices = new FakeBoardDevices { LineCount = 28 };

        var ex = Assert.Throws<BoardFileException>(() => Load("""{ "buzzer": { "pin": 40 } }""", SimulatedStation.Create(), devices));

        Assert.Equal("buzzer.pin", ex.Key);
        Assert.Contains("gpiochip0 line 40", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotJson_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<BoardFileException>(() => Load("{ nope", SimulatedStation.Create(), new FakeBoardDevices()));

        Assert.Equal("Hardware:BoardFile", ex.Key);
    }

    [Fact]
    public void LoadFile_MissingSerialDevice_ThrowsNamingKeyAndDevice()
    {
        var path = Write("""{ "gridMeter": { "model": "SDM120", "serial": "/dev/ttyUSB-not-here" } }""");

        var ex = Assert.Throws<BoardFileException>(() => BoardFileLoader.Load(path, SimulatedStation.Create(), _time, NullLoggerFactory.Instance));

        Assert.Equal("gridMeter.serial", ex.Key);
        Assert.Contains("/dev/ttyUSB-not-here", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_MissingGpioChip_ThrowsNamingKeyAndChip()
    {
        var path = Write("""{ "gpioChip": "gpiochip-absent", "buzzer": { "pin": 12 } }""");

        var ex = Assert.Throws<BoardFileException>(() => BoardFileLoader.Load(path, SimulatedStation.Create(), _time, NullLoggerFactory.Instance));

        Assert.Equal("buzzer.pin", ex.Key);
        Assert.Contains("gpiochip-absent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_MissingFile_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<BoardFileException>(() => BoardFileLoader.Load(Path.Combine(_dir, "none.json"), SimulatedStation.Create(), _time, NullLoggerFactory.Instance));

        Assert.Equal("Hardware:BoardFile", ex.Key);
    }

    [Fact]
    public void LoadFile_RealSdm630OnPtyRestSimulated_ReadsTheMeter()
    {
        using var pty = new PseudoTerminal();
        using var slave = new SimulatedSdmSlave(pty, 2);
        slave.SetFloat(SdmRegisters.PhaseVoltageL1, 230f);
        slave.SetFloat(SdmRegisters.CurrentL1 + 2, 7.5f);
        var sim = SimulatedStation.Create();
        var path = Write(File.ReadAllText(SampleBoard("sdm-meter-only.json")).Replace("/dev/ttyUSB0", pty.SlavePath, StringComparison.Ordinal));

        using var station = BoardFileLoader.Load(path, sim, _time, NullLoggerFactory.Instance);

        Assert.Same(sim.Connectors[0], station.Connectors[0]);
        Assert.Equal(["gridMeter"], station.RealParts);
        Assert.True(station.GridMeter!.TryRead(out var sample));
        Assert.Equal(230, sample.VoltageVolts.L1);
        Assert.Equal(7.5, sample.CurrentAmps.L2);
    }

    private BoardStationHardware Load(string json, IStationHardware sim, IBoardDevices devices) =>
        BoardFileLoader.Load(json, "test.json", sim, _time, NullLoggerFactory.Instance, devices);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string SampleBoard(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "boards", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"deploy/boards/{name} not found above {AppContext.BaseDirectory}");
    }
}
