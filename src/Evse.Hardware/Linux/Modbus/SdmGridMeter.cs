using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;
using Microsoft.Extensions.Logging;

namespace Evse.Hardware.Linux.Modbus;

/// <summary>
/// An Eastron SDM630 or SDM120 grid meter on RS485 Modbus RTU. <see cref="TryRead"/> runs one
/// transaction on the caller's thread, so it returns false at the latest after
/// <see cref="ModbusRtuOptions.WorstCaseDuration"/> when the meter misbehaves (2.4 s with the defaults at
/// 9600 Bd; 1.5 s when it is simply silent).
/// </summary>
public sealed partial class SdmGridMeter : IGridMeter
{
    /// <summary>REQUIREMENTS §1: meter address 2 by default.</summary>
    public const byte DefaultAddress = 2;

    private readonly ModbusRtuMaster _master;
    private readonly ILogger _logger;
    private int _consecutiveFailures;

    public SdmGridMeter(ModbusRtuMaster master, SdmModel model, byte slaveAddress, ILogger<SdmGridMeter> logger)
    {
        _master = master;
        Model = model;
        SlaveAddress = slaveAddress;
        _logger = logger;
    }

    public SdmModel Model { get; }

    public byte SlaveAddress { get; }

    public ModbusResult LastResult { get; private set; }

    public bool TryRead(out GridMeterSample sample)
    {
        Span<ushort> registers = stackalloc ushort[SdmRegisters.BlockLength];
        var result = _master.ReadInputRegisters(SlaveAddress, 0, registers);
        LastResult = result;
        if (!result.Success)
        {
            if (_consecutiveFailures++ == 0)
            {
                LogReadFailed(_logger, Model, SlaveAddress, result.Error, result.Attempts);
            }

            sample = null!;
            return false;
        }

        if (_consecutiveFailures > 0)
        {
            LogRecovered(_logger, Model, SlaveAddress, _consecutiveFailures);
            _consecutiveFailures = 0;
        }

        sample = Model == SdmModel.Sdm630 ? ThreePhase(registers) : OnePhase(registers);
        if (!IsPlausible(sample))
        {
            LogImplausible(_logger, Model, SlaveAddress, sample.VoltageVolts.ToString(), sample.FrequencyHz);
            sample = null!;
            return false;
        }

        return true;
    }

    /// <summary>The float at <paramref name="address"/> in a block read from address 0.</summary>
    public static double FloatAt(ReadOnlySpan<ushort> registers, ushort address)
    {
        var bits = ((uint)registers[address] << 16) | registers[address + 1];
        return BitConverter.UInt32BitsToSingle(bits);
    }

    private static GridMeterSample ThreePhase(ReadOnlySpan<ushort> r) => new(
        new PhaseValues(FloatAt(r, SdmRegisters.PhaseVoltageL1), FloatAt(r, SdmRegisters.PhaseVoltageL1 + 2), FloatAt(r, SdmRegisters.PhaseVoltageL1 + 4)),
        new PhaseValues(FloatAt(r, SdmRegisters.CurrentL1), FloatAt(r, SdmRegisters.CurrentL1 + 2), FloatAt(r, SdmRegisters.CurrentL1 + 4)),
        new PhaseValues(FloatAt(r, SdmRegisters.ActivePowerL1), FloatAt(r, SdmRegisters.ActivePowerL1 + 2), FloatAt(r, SdmRegisters.ActivePowerL1 + 4)),
        FloatAt(r, SdmRegisters.ImportActiveEnergy) * 1000,
        FloatAt(r, SdmRegisters.ExportActiveEnergy) * 1000,
        FloatAt(r, SdmRegisters.Frequency));

    private static GridMeterSample OnePhase(ReadOnlySpan<ushort> r) => new(
        PhaseValues.OnePhase(FloatAt(r, SdmRegisters.PhaseVoltageL1)),
        PhaseValues.OnePhase(FloatAt(r, SdmRegisters.CurrentL1)),
        PhaseValues.OnePhase(FloatAt(r, SdmRegisters.ActivePowerL1)),
        FloatAt(r, SdmRegisters.ImportActiveEnergy) * 1000,
        FloatAt(r, SdmRegisters.ExportActiveEnergy) * 1000,
        FloatAt(r, SdmRegisters.Frequency));

    /// <summary>A meter that answers with NaN, infinities or absurd values is treated as not answering.</summary>
    private static bool IsPlausible(GridMeterSample s)
    {
        static bool Finite(PhaseValues p) => double.IsFinite(p.L1) && double.IsFinite(p.L2) && double.IsFinite(p.L3);
        return Finite(s.VoltageVolts) && Finite(s.CurrentAmps) && Finite(s.PowerWatts)
            && double.IsFinite(s.ImportEnergyWh) && double.IsFinite(s.ExportEnergyWh) && double.IsFinite(s.FrequencyHz)
            && s.VoltageVolts.Max < 1000 && s.FrequencyHz is >= 0 and < 100 && s.ImportEnergyWh >= 0;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Grid meter {Model} at address {Address} does not answer: {Error} after {Attempts} attempts")]
    private static partial void LogReadFailed(ILogger logger, SdmModel model, byte address, ModbusError error, int attempts);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Grid meter {Model} at address {Address} answers again after {Failures} failed reads")]
    private static partial void LogRecovered(ILogger logger, SdmModel model, byte address, int failures);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Grid meter {Model} at address {Address} sent implausible values: voltage {Voltage} V, frequency {FrequencyHz} Hz")]
    private static partial void LogImplausible(ILogger logger, SdmModel model, byte address, string voltage, double frequencyHz);
}
