using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Chips;
using Evse.Hardware.Linux.Drivers;
using Evse.Hardware.Tests.Linux.Fakes;
using Evse.Testing;

namespace Evse.Hardware.Tests.Linux.Drivers;

public class PilotTests
{
    // A divider mapping −15…+15 V on CP to 0…3.3 V: CP = ADC × 30/3.3 − 15.
    private const double Gain = 30 / 3.3;
    private const double Offset = -15;

    [Fact]
    public void Drive_Modes_SetOneKilohertzDutyAndPowerTheStage()
    {
        var pwm = new FakePwmChannel();
        var stage = new FakeGpioOutput();
        using var pilot = new PwmPilotGenerator(pwm, stage);

        pilot.Drive(PilotOutput.Pwm(26.7));
        var pwmDuty = pwm.DutyFraction;
        pilot.Drive(PilotOutput.NoPowerOffered);
        var steadyDuty = pwm.DutyFraction;

        Assert.Equal(TimeSpan.FromMilliseconds(1), pwm.Period);
        Assert.Equal(0.267, pwmDuty, 6);
        Assert.Equal(1.0, steadyDuty);
        Assert.True(stage.IsActive);
        Assert.Equal(PilotOutput.NoPowerOffered, pilot.Output);
    }

    [Fact]
    public void Dispose_Generator_LeavesMinus12VoltsAndStageOff()
    {
        var pwm = new FakePwmChannel();
        var stage = new FakeGpioOutput();
        var pilot = new PwmPilotGenerator(pwm, stage);
        pilot.Drive(PilotOutput.Pwm(50));

        pilot.Dispose();

        Assert.Equal(0.0, pwm.DutyFraction);
        Assert.False(stage.IsActive);
        Assert.True(pwm.Disposed);
    }

    [Fact]
    public void SampleOnce_PwmWithVehicleInC_ReadsHighAndLowPhase()
    {
        // 25 % duty: one conversion in four lands in the high phase (+6 V), the rest at −12 V.
        var adc = new Mcp3008(new FakeMcp3x0x(false) { CodeFor = (_, n) => n % 4 == 0 ? CodeFor(6.0) : CodeFor(-12.0) }, 3.3);
        using var sense = new AdcPilotSense(adc, 0, Gain, Offset, new FakeTimeProvider());

        var reading = sense.SampleOnce();

        Assert.Equal(6.0, reading.HighVolts, 1);
        Assert.Equal(-12.0, reading.LowVolts, 1);
        Assert.Equal(reading, sense.Read());
    }

    [Fact]
    public void SampleOnce_BandChanges_RaisesOnlyOnChange()
    {
        var volts = 12.0;
        var adc = new Mcp3008(new FakeMcp3x0x(false) { CodeFor = (_, _) => CodeFor(volts) }, 3.3);
        using var sense = new AdcPilotSense(adc, 0, Gain, Offset, new FakeTimeProvider(), samplesPerReading: 4);
        var raised = new List<PilotReading>();
        sense.ReadingChanged += (_, r) => raised.Add(r);

        sense.SampleOnce();           // E → A
        sense.SampleOnce();           // still A
        volts = 11.8;
        sense.SampleOnce();           // still A (noise)
        volts = 9.0;
        sense.SampleOnce();           // B

        Assert.Equal(2, raised.Count);
        Assert.Equal(9.0, raised[1].HighVolts, 1);
    }

    [Fact]
    public async Task Start_OwnTask_SamplesOnTheClockAndStopsOnDispose()
    {
        var spi = new FakeMcp3x0x(false) { CodeFor = (_, _) => CodeFor(9.0) };
        var time = new FakeTimeProvider();
        var sense = new AdcPilotSense(new Mcp3008(spi, 3.3), 0, Gain, Offset, time, samplesPerReading: 4);
        using var changed = new ManualResetEventSlim();
        sense.ReadingChanged += (_, _) => changed.Set();

        sense.Start();
        Assert.True(changed.Wait(TimeSpan.FromSeconds(5)));   // the first burst runs at once
        // Bounded on the real clock, not on a count of yields: on a loaded CI machine the sampling task may not run for
        // 200 yields (CI saw "only 4 conversions").
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (spi.Conversions < 12 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            var before = spi.Conversions;
            time.Advance(sense.SamplePeriod);
            SpinWait.SpinUntil(() => spi.Conversions > before, TimeSpan.FromMilliseconds(50));
            await Task.Yield();
        }

        var sampled = spi.Conversions;
        sense.Dispose();
        var afterDispose = spi.Conversions;
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(sampled >= 12, $"only {sampled} conversions");
        Assert.Equal(afterDispose, spi.Conversions);
        Assert.Equal(9.0, sense.Read().HighVolts, 1);
    }

    [Fact]
    public async Task Start_SpiFailsWhileVehicleConnected_ReportsZeroVolts()
    {
        var failing = false;
        var spi = new FakeMcp3x0x(false) { CodeFor = (_, _) => failing ? throw new IOException("SPI transfer on /dev/spidev0.0 failed") : CodeFor(9.0) };
        var time = new FakeTimeProvider();
        using var sense = new AdcPilotSense(new Mcp3008(spi, 3.3), 0, Gain, Offset, time, samplesPerReading: 4);
        var readings = new System.Collections.Concurrent.ConcurrentQueue<PilotReading>();
        using var first = new SemaphoreSlim(0);
        sense.ReadingChanged += (_, r) =>
        {
            readings.Enqueue(r);
            first.Release();
        };
        sense.Start();
        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(5)));   // the first burst: state B

        failing = true;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (readings.Count < 2 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            time.Advance(sense.SamplePeriod);
            SpinWait.SpinUntil(() => readings.Count >= 2, TimeSpan.FromMilliseconds(50));
            await Task.Yield();
        }

        Assert.Equal(2, readings.Count);
        Assert.Equal(new PilotReading(0, 0), readings.Last());
        Assert.Equal(new PilotReading(0, 0), sense.Read());
    }

    private static int CodeFor(double cpVolts) => (int)Math.Round((cpVolts - Offset) / Gain / 3.3 * 1024);
}
