using Evse.Testing.Serial;
using Evse.Hardware.Linux.Modbus;
using Evse.Hardware.Linux.Serial;
using Evse.Hardware.Tests.Linux.Serial;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Hardware.Tests.Linux.Modbus;

/// <summary>The Modbus master, the termios port and both meter profiles against a simulated meter on a real pty.</summary>
public sealed class SdmGridMeterPtyTests : IDisposable
{
    private static readonly ModbusRtuOptions Fast = new(TimeSpan.FromMilliseconds(150), 2);
    private readonly PseudoTerminal _pty = new();
    private readonly SimulatedSdmSlave _slave;
    private readonly TermiosSerialPort _port;

    public SdmGridMeterPtyTests()
    {
        _slave = new SimulatedSdmSlave(_pty, SdmGridMeter.DefaultAddress);
        _port = new TermiosSerialPort(_pty.SlavePath, new SerialSettings(9600));
        _slave.SetFloat(SdmRegisters.PhaseVoltageL1, 231.5f);
        _slave.SetFloat(SdmRegisters.PhaseVoltageL1 + 2, 229.25f);
        _slave.SetFloat(SdmRegisters.PhaseVoltageL1 + 4, 233f);
        _slave.SetFloat(SdmRegisters.CurrentL1, 12.5f);
        _slave.SetFloat(SdmRegisters.CurrentL1 + 2, 3.25f);
        _slave.SetFloat(SdmRegisters.CurrentL1 + 4, 0.5f);
        _slave.SetFloat(SdmRegisters.ActivePowerL1, 2890f);
        _slave.SetFloat(SdmRegisters.ActivePowerL1 + 2, 745f);
        _slave.SetFloat(SdmRegisters.ActivePowerL1 + 4, -110f);
        _slave.SetFloat(SdmRegisters.Frequency, 49.98f);
        _slave.SetFloat(SdmRegisters.ImportActiveEnergy, 1234.5f);
        _slave.SetFloat(SdmRegisters.ExportActiveEnergy, 12.25f);
    }

    public void Dispose()
    {
        _slave.Dispose();
        _port.Dispose();
        _pty.Dispose();
    }

    [Fact]
    public void TryRead_Sdm630_ReturnsAllThreePhasesScaled()
    {
        var meter = Meter(SdmModel.Sdm630);

        Assert.True(meter.TryRead(out var sample));

        Assert.Equal(new(231.5, 229.25, 233), sample.VoltageVolts);
        Assert.Equal(new(12.5, 3.25, 0.5), sample.CurrentAmps);
        Assert.Equal(new(2890, 745, -110), sample.PowerWatts);
        Assert.Equal(1_234_500, sample.ImportEnergyWh);
        Assert.Equal(12_250, sample.ExportEnergyWh);
        Assert.Equal(49.98, sample.FrequencyHz, 3);
        Assert.Equal(1, meter.LastResult.Attempts);
    }

    [Fact]
    public void TryRead_Sdm120_ReportsOnePhaseOnL1()
    {
        var meter = Meter(SdmModel.Sdm120);

        Assert.True(meter.TryRead(out var sample));

        Assert.Equal(new(231.5, 0, 0), sample.VoltageVolts);
        Assert.Equal(new(12.5, 0, 0), sample.CurrentAmps);
        Assert.Equal(2890, sample.PowerWatts.Sum);
    }

    [Theory]
    [InlineData(SlaveBehaviour.Garbage)]
    [InlineData(SlaveBehaviour.Truncated)]
    [InlineData(SlaveBehaviour.BadCrc)]
    [InlineData(SlaveBehaviour.WrongAddress)]
    [InlineData(SlaveBehaviour.Silent)]
    public void TryRead_OneBadAnswer_RetriesAndSucceeds(SlaveBehaviour behaviour)
    {
        _slave.Script(behaviour);
        var meter = Meter(SdmModel.Sdm630);

        Assert.True(meter.TryRead(out var sample));

        Assert.Equal(231.5, sample.VoltageVolts.L1);
        Assert.Equal(2, meter.LastResult.Attempts);
    }

    [Theory]
    [InlineData(SlaveBehaviour.Garbage, ModbusError.Malformed)]
    [InlineData(SlaveBehaviour.Truncated, ModbusError.Timeout)]
    [InlineData(SlaveBehaviour.BadCrc, ModbusError.BadCrc)]
    [InlineData(SlaveBehaviour.WrongAddress, ModbusError.UnexpectedReply)]
    [InlineData(SlaveBehaviour.Silent, ModbusError.Timeout)]
    public void TryRead_EveryAnswerBad_ReturnsFalseWithinTheBound(SlaveBehaviour behaviour, ModbusError expected)
    {
        _slave.Script(behaviour, behaviour, behaviour);
        var meter = Meter(SdmModel.Sdm630);
        var started = TimeProvider.System.GetTimestamp();

        Assert.False(meter.TryRead(out _));

        Assert.True(TimeProvider.System.GetElapsedTime(started) <= Fast.WorstCaseDuration(9600));
        Assert.Equal(expected, meter.LastResult.Error);
        Assert.Equal(3, meter.LastResult.Attempts);
    }

    [Fact]
    public void TryRead_SlowAnswer_TimesOutRetriesAndDiscardsTheLateAnswer()
    {
        _slave.SlowDelay = TimeSpan.FromMilliseconds(300);
        _slave.Script(SlaveBehaviour.Slow);
        var meter = Meter(SdmModel.Sdm630);

        var ok = meter.TryRead(out var sample);

        Assert.True(ok, meter.LastResult.ToString());
        Assert.Equal(2, meter.LastResult.Attempts);
        Assert.Equal(1_234_500, sample.ImportEnergyWh);

        // The late answer to attempt 1 lands in the input buffer; the next request must throw it away.
        Assert.True(_slave.LateAnswerSent.Wait(TimeSpan.FromSeconds(5)));
        _slave.SetFloat(SdmRegisters.ImportActiveEnergy, 1300f);
        Assert.True(meter.TryRead(out var next));
        Assert.Equal(1_300_000, next.ImportEnergyWh);
    }

    [Fact]
    public void TryRead_SlaveException_FailsAtOnceWithoutRetry()
    {
        _slave.Script(SlaveBehaviour.IllegalAddressException);
        var meter = Meter(SdmModel.Sdm630);

        Assert.False(meter.TryRead(out _));

        Assert.Equal(ModbusError.SlaveException, meter.LastResult.Error);
        Assert.Equal(2, meter.LastResult.ExceptionCode);
        Assert.Equal(1, meter.LastResult.Attempts);
    }

    [Fact]
    public void TryRead_MeterAtOtherAddress_TimesOut()
    {
        var meter = new SdmGridMeter(new ModbusRtuMaster(_port, Fast, 9600), SdmModel.Sdm630, 7, NullLogger<SdmGridMeter>.Instance);

        Assert.False(meter.TryRead(out _));

        Assert.Equal(ModbusError.Timeout, meter.LastResult.Error);
    }

    [Fact]
    public void TryRead_NaNFromMeter_IsRejectedAsImplausible()
    {
        _slave.SetFloat(SdmRegisters.PhaseVoltageL1, float.NaN);
        var meter = Meter(SdmModel.Sdm630);

        Assert.False(meter.TryRead(out _));

        Assert.True(meter.LastResult.Success);
    }

    [Fact]
    public void TryRead_RecoveredMeter_ReadsAgain()
    {
        _slave.Script(SlaveBehaviour.Silent, SlaveBehaviour.Silent, SlaveBehaviour.Silent);
        var meter = Meter(SdmModel.Sdm630);
        Assert.False(meter.TryRead(out _));

        Assert.True(meter.TryRead(out var sample));

        Assert.Equal(12.5, sample.CurrentAmps.L1);
    }

    private SdmGridMeter Meter(SdmModel model) =>
        new(new ModbusRtuMaster(_port, Fast, 9600), model, SdmGridMeter.DefaultAddress, NullLogger<SdmGridMeter>.Instance);
}
