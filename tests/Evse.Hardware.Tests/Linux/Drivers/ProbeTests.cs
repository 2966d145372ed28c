using Evse.Hardware.Linux.Chips;
using Evse.Hardware.Linux.Drivers;
using Evse.Hardware.Linux.OneWire;
using Evse.Hardware.Tests.Linux.Fakes;

namespace Evse.Hardware.Tests.Linux.Drivers;

public class ProbeTests
{
    [Fact]
    public void Ntc_AtNominalResistance_Reads25Celsius()
    {
        // Equal series and NTC resistance: half scale.
        var adc = new Mcp3008(new FakeMcp3x0x(false) { CodeFor = (_, _) => 512 }, 3.3);

        var celsius = new NtcThermistorProbe(adc, 1, 10_000, 10_000, 3950).ReadCelsius();

        Assert.Equal(25.0, celsius, 1);
    }

    [Fact]
    public void Ntc_HotterMeansLowerResistance_ReadsAbove25()
    {
        // R = 10k · 256 / 768 = 3.33 kΩ; beta 3950 gives about 53 °C.
        var adc = new Mcp3008(new FakeMcp3x0x(false) { CodeFor = (_, _) => 256 }, 3.3);

        var celsius = new NtcThermistorProbe(adc, 1, 10_000, 10_000, 3950).ReadCelsius();

        var expected = (1 / ((1 / 298.15) + (Math.Log(10_000.0 * 256 / 768 / 10_000) / 3950))) - 273.15;
        Assert.Equal(expected, celsius, 6);
        Assert.InRange(celsius, 50, 56);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1023)]
    public void Ntc_OpenOrShorted_ReadsNaN(int code)
    {
        var adc = new Mcp3008(new FakeMcp3x0x(false) { CodeFor = (_, _) => code }, 3.3);

        Assert.True(double.IsNaN(new NtcThermistorProbe(adc, 1, 10_000, 10_000, 3950).ReadCelsius()));
    }

    [Fact]
    public void Ds18b20_KernelFile_ParsesMilliDegrees()
    {
        var dir = Directory.CreateTempSubdirectory("w1-").FullName;
        try
        {
            var file = Path.Combine(dir, "w1_slave");
            File.WriteAllLines(file, ["72 01 4b 46 7f ff 0e 10 57 : crc=57 YES", "72 01 4b 46 7f ff 0e 10 57 t=23125"]);

            Assert.Equal(23.125, new Ds18b20Probe(file).ReadCelsius(), 3);
            Assert.True(double.IsNaN(new Ds18b20Probe(Path.Combine(dir, "missing")).ReadCelsius()));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("72 01 4b 46 7f ff 0e 10 57 : crc=57 NO", "72 01 4b 46 7f ff 0e 10 57 t=23125")]
    [InlineData("50 05 4b 46 7f ff 0c 10 1c : crc=1c YES", "50 05 4b 46 7f ff 0c 10 1c t=85000")]
    public void Ds18b20_BadCrcOrPowerOnValue_ReadsNaN(string first, string second)
    {
        Assert.True(double.IsNaN(Ds18b20Probe.Parse([first, second])));
    }

    [Fact]
    public void ProximityPilot_32ACable_Reads220Ohms()
    {
        // 330 Ω pull-up from 3.3 V into 220 Ω: 1.32 V.
        var code = (int)Math.Round(1.32 / 3.3 * 1024);
        var adc = new Mcp3008(new FakeMcp3x0x(false) { CodeFor = (_, _) => code }, 3.3);

        var ohms = new AdcProximityPilot(adc, 3, 330, 3.3).ReadResistanceOhms();

        Assert.NotNull(ohms);
        Assert.Equal(220, ohms.Value, 0);
    }

    [Fact]
    public void ProximityPilot_NoPlug_ReadsNull()
    {
        var adc = new Mcp3008(new FakeMcp3x0x(false) { CodeFor = (_, _) => 1023 }, 3.3);

        Assert.Null(new AdcProximityPilot(adc, 3, 330, 3.3).ReadResistanceOhms());
    }
}
