using System.Text.Json;
using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Chips;
using Evse.Hardware.Linux.Drivers;
using Evse.Hardware.Linux.Gpio;
using Evse.Hardware.Linux.Modbus;
using Evse.Hardware.Linux.OneWire;
using Evse.Hardware.Linux.Serial;
using Microsoft.Extensions.Logging;

namespace Evse.Hardware.Linux.Board;

/// <summary>Turns one parsed board file into parts. Every device it opens is wrapped so a failure names its key.</summary>
internal sealed class BoardBuilder(BoardNode root, IStationHardware simulated, TimeProvider time, ILoggerFactory loggers, IBoardDevices devices)
{
    private readonly List<IDisposable> _owned = [];
    private readonly List<string> _realParts = [];
    private readonly List<Action> _starters = [];
    private readonly Dictionary<string, string> _usedPins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IAdc> _adcs = new(StringComparer.Ordinal);
    private readonly string _defaultChip = root.OptionalString("gpioChip") ?? "gpiochip0";

    public BoardStationHardware Build()
    {
        var connectors = BuildConnectors();
        var station = new BoardStationHardware(
            connectors,
            Real(root.Part("dipSwitch"), "dipSwitch", BuildDipSwitch) ?? simulated.DipSwitch,
            Real(root.Part("statusLed"), "statusLed", BuildStatusLed) ?? simulated.StatusLed,
            Real(root.Part("buzzer"), "buzzer", n => new GpioBuzzer(Output(n, "pin"), time)) ?? simulated.Buzzer,
            Real(root.Part("cardReader"), "cardReader", BuildCardReader) ?? simulated.CardReader,
            Real(root.Part("display"), "display", BuildDisplay) ?? simulated.Display,
            Real(root.Part("supply"), "supply", n => new GpioSupplyMonitor(Input(n, "groundOkPin"), Input(n, "polarityOkPin"))) ?? simulated.Supply,
            IsNone(root.Child("gridMeter")) ? null : Real(root.Part("gridMeter"), "gridMeter", BuildGridMeter) ?? simulated.GridMeter,
            _realParts,
            [devices, .. _owned]);

        // Polling starts only once every part exists, so a half-built board never runs a thread.
        foreach (var start in _starters)
        {
            start();
        }

        return station;
    }

    public void DisposeOwned()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        devices.Dispose();
    }

    private static bool IsNone(JsonElement? element) => element is { ValueKind: JsonValueKind.String } e && e.GetString() == "none";

    private List<IConnectorHardware> BuildConnectors()
    {
        var list = root.Child("connectors");
        if (BoardNode.IsSimulated(list))
        {
            return [.. simulated.Connectors];
        }

        if (list!.Value.ValueKind != JsonValueKind.Array)
        {
            throw root.Error("connectors", "expected an array of connector objects or \"simulated\"");
        }

        var connectors = new List<IConnectorHardware>();
        var index = 0;
        foreach (var element in list.Value.EnumerateArray())
        {
            var key = $"connectors[{index}]";
            if (index >= simulated.Connectors.Count)
            {
                throw new BoardFileException($"Board file key '{key}': the board file lists more connectors than the station has ({simulated.Connectors.Count}).") { Key = key };
            }

            var sim = simulated.Connectors[index];
            connectors.Add(BoardNode.IsSimulated(element) ? sim : BuildConnector(new BoardNode(element, key), sim));
            index++;
        }

        // Connectors the board file does not list stay simulated.
        connectors.AddRange(simulated.Connectors.Skip(index));
        return connectors;
    }

    private BoardConnectorHardware BuildConnector(BoardNode c, IConnectorHardware sim)
    {
        var contactor = Real(c.Part("contactor"), "contactor", n => new GpioContactor(Output(n, "pin"), OptionalInput(n, "feedbackPin"))) ?? sim.Contactor;
        return new BoardConnectorHardware(
            sim.ConnectorId,
            Real(c.Part("pilot"), "pilot", BuildPilot) ?? sim.Pilot,
            Real(c.Part("pilotSense"), "pilotSense", BuildPilotSense) ?? sim.PilotSense,
            contactor,
            Real(c.Part("meter"), "meter", n => BuildMeter(n, sim.ConnectorId)) ?? sim.Meter,
            Real(c.Part("residualCurrent"), "residualCurrent", n => BuildResidualCurrent(n, contactor)) ?? sim.ResidualCurrent,
            Real(c.Part("temperatures"), "temperatures", BuildTemperatures) ?? sim.Temperatures,
            IsNone(c.Child("socketLock")) ? null : Real(c.Part("socketLock"), "socketLock", BuildSocketLock) ?? sim.SocketLock,
            IsNone(c.Child("proximityPilot")) ? null : Real(c.Part("proximityPilot"), "proximityPilot", BuildProximityPilot) ?? sim.ProximityPilot);
    }

    private T? Real<T>(BoardNode? node, string name, Func<BoardNode, T> build)
        where T : class
    {
        if (node is not { } n)
        {
            return null;
        }

        var part = build(n);
        if (part is IDisposable disposable)
        {
            _owned.Add(disposable);
        }

        _realParts.Add(n.Path.Length == 0 ? name : n.Path);
        return part;
    }

    private PwmPilotGenerator BuildPilot(BoardNode n)
    {
        var chip = n.Int("pwmChip");
        var channel = n.Int("pwmChannel");
        var pwm = Open(n.Key("pwmChannel"), $"pwmchip{chip}/pwm{channel}", () => devices.OpenPwm(chip, channel, n.Bool("inverted", false)));
        var enable = n.OptionalInt("stageEnablePin") is null ? null : Output(n, "stageEnablePin");
        return new PwmPilotGenerator(pwm, enable);
    }

    private AdcPilotSense BuildPilotSense(BoardNode n)
    {
        var sense = new AdcPilotSense(Adc(n), AdcChannel(n), n.Double("gain", 9.09), n.Double("offsetVolts", -15.0), time, n.OptionalInt("samples") ?? 64);
        _starters.Add(sense.Start);
        return sense;
    }

    private Atm90e32 BuildMeter(BoardNode n, int connectorId)
    {
        var chip = n.String("chip");
        if (!chip.Equals("ATM90E32", StringComparison.OrdinalIgnoreCase))
        {
            throw n.Error("chip", $"'{chip}' is not a supported metering IC (ATM90E32)");
        }

        var path = n.String("spi");
        var spi = Open(n.Key("spi"), path, () => devices.OpenSpi(path, n.OptionalInt("mode") ?? Atm90e32.SpiMode, n.OptionalInt("speedHz") ?? Atm90e32.DefaultSpeedHz));
        _owned.Add(spi);
        var store = new FileEnergyCounterStore(n.OptionalString("energyFile") ?? $"/var/lib/evse-daemon/connector{connectorId}-energy.txt");
        try
        {
            store.LoadWh();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new BoardFileException($"Board file key '{n.Key("energyFile")}' ({store.Path}): {ex.Message}", ex) { Key = n.Key("energyFile") };
        }

        return new Atm90e32(spi, Calibration(n.OptionalObject("calibration")), store, loggers.CreateLogger<Atm90e32>(), n.Double("persistStepWh", 10));
    }

    private static Atm90e32Calibration Calibration(BoardNode? node)
    {
        var d = Atm90e32Calibration.Default;
        if (node is not { } n)
        {
            return d;
        }

        IReadOnlyList<ushort> Words(string name, IReadOnlyList<ushort> fallback) =>
            n.Child(name) is null ? fallback : n.IntArray(name, 3).Select(v => v is >= 0 and <= 0xFFFF ? (ushort)v : throw n.Error(name, "register values are 0 to 0xFFFF")).ToArray();

        return new Atm90e32Calibration(
            Words("voltageGain", d.VoltageGain),
            Words("currentGain", d.CurrentGain),
            Words("voltageOffset", d.VoltageOffset),
            Words("currentOffset", d.CurrentOffset),
            (ushort)(n.OptionalInt("mmode0") ?? d.MeteringMode0),
            (ushort)(n.OptionalInt("mmode1") ?? d.MeteringMode1),
            (uint)(n.OptionalInt("plConstant") ?? (int)d.PlConstant),
            n.Double("meterConstantImpPerKwh", d.MeterConstantImpPerKwh));
    }

    private GpioResidualCurrentMonitor BuildResidualCurrent(BoardNode n, IContactor contactor)
    {
        var monitor = new GpioResidualCurrentMonitor(Input(n, "tripPin", withEdges: true), Output(n, "testPin"), contactor, time);
        _starters.Add(monitor.Start);
        return monitor;
    }

    private ProbeTemperatureSensors BuildTemperatures(BoardNode n) =>
        new(Probe(n, "relay"), Probe(n, "inputTerminal"), Probe(n, "socket"));

    private ITemperatureProbe? Probe(BoardNode parent, string name)
    {
        if (parent.OptionalObject(name) is not { } n)
        {
            return null; // Not fitted: reads NaN.
        }

        var type = n.String("type");
        return type switch
        {
            "ntc" => new NtcThermistorProbe(Adc(n), AdcChannel(n), n.Double("seriesOhms", 10_000), n.Double("nominalOhms", 10_000), n.Double("betaKelvin", 3950)),
            "ds18b20" => Ds18b20(n),
            _ => throw n.Error("type", $"'{type}' is not a probe type (ntc, ds18b20)"),
        };
    }

    private static Ds18b20Probe Ds18b20(BoardNode n)
    {
        var id = n.String("id");
        var file = Path.Combine(n.OptionalString("w1Root") ?? "/sys/bus/w1/devices", id, "w1_slave");
        return File.Exists(file)
            ? new Ds18b20Probe(file)
            : throw new BoardFileException($"Board file key '{n.Key("id")}' ({file}): no such 1-Wire device (is dtoverlay=w1-gpio loaded?).") { Key = n.Key("id") };
    }

    private GpioSocketLock BuildSocketLock(BoardNode n) => new(
        Output(n, "lockPin"),
        Output(n, "unlockPin"),
        Input(n, "lockedPin"),
        OptionalInput(n, "unlockedPin"),
        TimeSpan.FromMilliseconds(n.OptionalInt("pulseMs") ?? 300),
        time);

    private AdcProximityPilot BuildProximityPilot(BoardNode n) =>
        new(Adc(n), AdcChannel(n), n.Double("pullUpOhms", 330), n.Double("supplyVolts", 3.3));

    private GpioDipSwitch BuildDipSwitch(BoardNode n)
    {
        var pins = n.IntArray("pins", 3);
        var activeLow = n.Bool("activeLow", true);
        var inputs = pins.Select((pin, i) => InputAt(n, $"pins[{i}]", pin, activeLow, false)).ToArray();
        return new GpioDipSwitch(inputs[0], inputs[1], inputs[2]);
    }

    private GpioStatusLed BuildStatusLed(BoardNode n) =>
        new(Output(n, "redPin"), Output(n, "greenPin"), Output(n, "bluePin"), time);

    private Pn532CardReader BuildCardReader(BoardNode n)
    {
        var chip = n.String("chip");
        if (!chip.Equals("PN532", StringComparison.OrdinalIgnoreCase))
        {
            throw n.Error("chip", $"'{chip}' is not a supported card reader (PN532)");
        }

        IPn532Transport transport;
        if (n.OptionalString("serial") is { } serial)
        {
            transport = new Pn532SerialTransport(Open(n.Key("serial"), serial, () => devices.OpenSerial(serial, new SerialSettings(n.OptionalInt("baud") ?? 115_200))));
        }
        else if (n.OptionalString("i2c") is { } i2c)
        {
            var address = n.OptionalInt("address") ?? Pn532I2cTransport.DefaultAddress;
            transport = new Pn532I2cTransport(Open(n.Key("i2c"), $"{i2c} address 0x{address:X2}", () => devices.OpenI2c(i2c, address)), time);
        }
        else
        {
            throw n.Error("serial", "a PN532 needs \"serial\" (HSU) or \"i2c\"");
        }

        var reader = new Pn532CardReader(new Pn532(transport), time, loggers.CreateLogger<Pn532CardReader>());
        _starters.Add(reader.Start);
        return reader;
    }

    private Ssd1306 BuildDisplay(BoardNode n)
    {
        var chip = n.String("chip");
        if (!chip.Equals("SSD1306", StringComparison.OrdinalIgnoreCase))
        {
            throw n.Error("chip", $"'{chip}' is not a supported display (SSD1306)");
        }

        var path = n.String("i2c");
        var address = n.OptionalInt("address") ?? Ssd1306.DefaultAddress;
        var device = Open(n.Key("i2c"), $"{path} address 0x{address:X2}", () => devices.OpenI2c(path, address));
        _owned.Add(device);
        return new Ssd1306(device, loggers.CreateLogger<Ssd1306>());
    }

    private SdmGridMeter BuildGridMeter(BoardNode n)
    {
        var modelName = n.String("model");
        var model = modelName.ToUpperInvariant() switch
        {
            "SDM630" => SdmModel.Sdm630,
            "SDM120" => SdmModel.Sdm120,
            _ => throw n.Error("model", $"'{modelName}' is not a supported meter (SDM630, SDM120)"),
        };
        var address = n.OptionalInt("address") ?? SdmGridMeter.DefaultAddress;
        if (address is < 1 or > 247)
        {
            throw n.Error("address", "Modbus addresses are 1 to 247");
        }

        var parityName = n.OptionalString("parity") ?? "none";
        var parity = Enum.TryParse<SerialParity>(parityName, ignoreCase: true, out var p) ? p : throw n.Error("parity", "expected none, even or odd");
        var settings = new SerialSettings(n.OptionalInt("baud") ?? 9600, parity, n.OptionalInt("stopBits") ?? 1, n.Bool("rs485", false));
        var path = n.String("serial");
        var port = Open(n.Key("serial"), path, () => devices.OpenSerial(path, settings));
        _owned.Add(port);
        var options = new ModbusRtuOptions(TimeSpan.FromMilliseconds(n.OptionalInt("timeoutMs") ?? 500), n.OptionalInt("retries") ?? 2);
        return new SdmGridMeter(new ModbusRtuMaster(port, options, settings.BaudRate), model, (byte)address, loggers.CreateLogger<SdmGridMeter>());
    }

    private IAdc Adc(BoardNode n)
    {
        var name = n.String("adc");
        if (_adcs.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var adcs = root.OptionalObject("adcs");
        if (adcs?.OptionalObject(name) is not { } a)
        {
            throw n.Error("adc", $"no ADC '{name}' under 'adcs'");
        }

        var chip = a.String("chip").ToUpperInvariant();
        var path = a.String("spi");
        var vref = a.Double("referenceVolts", 3.3);
        var defaultSpeed = chip == "MCP3202" ? Mcp3202.DefaultSpeedHz : Mcp3008.DefaultSpeedHz;
        var spi = Open(a.Key("spi"), path, () => devices.OpenSpi(path, a.OptionalInt("mode") ?? 0, a.OptionalInt("speedHz") ?? defaultSpeed));
        _owned.Add(spi);
        IAdc adc = chip switch
        {
            "MCP3008" => new Mcp3008(spi, vref),
            "MCP3202" => new Mcp3202(spi, vref),
            _ => throw a.Error("chip", $"'{chip}' is not a supported ADC (MCP3008, MCP3202)"),
        };
        _adcs.Add(name, adc);
        _realParts.Add(a.Path);
        return adc;
    }

    private static int AdcChannel(BoardNode n)
    {
        var channel = n.Int("channel");
        return channel is >= 0 and < 8 ? channel : throw n.Error("channel", "ADC channels are 0 to 7 (0 to 1 on an MCP3202)");
    }

    private IGpioOutput Output(BoardNode n, string name) =>
        OutputAt(n, name, n.Int(name), n.Bool(name + "ActiveLow", false));

    private IGpioOutput OutputAt(BoardNode n, string name, int pin, bool activeLow)
    {
        var chip = Claim(n, name, pin);
        var output = Open(n.Key(name), $"{chip} line {pin}", () => devices.OpenOutput(chip, pin, activeLow, false));
        return output;
    }

    private IGpioInput Input(BoardNode n, string name, bool withEdges = false) =>
        InputAt(n, name, n.Int(name), n.Bool(name + "ActiveLow", false), withEdges);

    private IGpioInput? OptionalInput(BoardNode n, string name) =>
        n.OptionalInt(name) is null ? null : Input(n, name);

    private IGpioInput InputAt(BoardNode n, string name, int pin, bool activeLow, bool withEdges)
    {
        var chip = Claim(n, name, pin);
        return Open(n.Key(name), $"{chip} line {pin}", () => devices.OpenInput(chip, pin, activeLow, withEdges));
    }

    /// <summary>Refuses a pin two keys both claim: one of them is a typo, and either could be the dangerous one.</summary>
    private string Claim(BoardNode n, string name, int pin)
    {
        var chip = n.OptionalString("gpioChip") ?? _defaultChip;
        var id = $"{chip}:{pin}";
        if (_usedPins.TryGetValue(id, out var other))
        {
            throw n.Error(name, $"{chip} line {pin} is already used by '{other}'");
        }

        _usedPins.Add(id, n.Key(name));
        return chip;
    }

    private static T Open<T>(string key, string device, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            throw new BoardFileException($"Board file key '{key}' ({device}): {ex.Message}", ex) { Key = key };
        }
    }
}
