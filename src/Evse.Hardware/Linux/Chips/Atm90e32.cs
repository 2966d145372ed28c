using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Spi;
using Microsoft.Extensions.Logging;

namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// The ATM90E32AS 3-phase metering IC on SPI (datasheet Atmel-46003). Energy is read from the
/// read-to-clear forward active energy register and added to a total that is saved before it is
/// reported, so the reported register never goes backwards, across restarts included; a power cut
/// loses at most <see cref="PersistStepWh"/> of not-yet-saved energy (the meter under-reads, never over).
/// A chip that stops answering (MMode0 no longer reads back what we wrote: 0x0000 or 0xFFFF on a dead
/// bus, the reset value after a brown-out) makes the very next <see cref="TryRead"/> return false; the
/// read after that re-initialises the chip.
/// </summary>
public sealed partial class Atm90e32 : IEnergyMeter
{
    /// <summary>§4.1: SPI up to 200 kHz; 160 kHz leaves margin on long ribbon cables.</summary>
    public const int DefaultSpeedHz = 160_000;

    /// <summary>§4.1: the chip samples on the rising edge with the clock idling high (mode 3).</summary>
    public const int SpiMode = 3;

    private readonly ISpiDevice _spi;
    private readonly Atm90e32Calibration _calibration;
    private readonly IEnergyCounterStore _store;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private bool _initialised;
    private double _savedWh;
    private double _pendingWh;

    public Atm90e32(ISpiDevice spi, Atm90e32Calibration calibration, IEnergyCounterStore store, ILogger<Atm90e32> logger, double persistStepWh = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(persistStepWh);
        _spi = spi;
        _calibration = calibration;
        _store = store;
        _logger = logger;
        PersistStepWh = persistStepWh;
        _savedWh = store.LoadWh();
    }

    public double PersistStepWh { get; }

    public bool TryRead(out MeterSample sample)
    {
        lock (_gate)
        {
            sample = null!;
            if (!_initialised)
            {
                Initialise();
                if (!ConfigurationIntact())
                {
                    LogNotAnswering(_logger);
                    return false;
                }

                _initialised = true;

                // Energy counted while we were not looking (start-up, after a chip reset) is not ours to bill.
                ReadRegister(Atm90e32Registers.APenergyT);
            }
            else if (!ConfigurationIntact())
            {
                _initialised = false;
                LogNotAnswering(_logger);
                return false;
            }

            var voltage = ReadPhases(Atm90e32Registers.UrmsA, 0.01);
            var current = ReadPhases(Atm90e32Registers.IrmsA, 0.001);
            var power = new PhaseValues(ReadPower(0), ReadPower(1), ReadPower(2));
            var frequencyHz = ReadRegister(Atm90e32Registers.Freq) * 0.01;
            AccumulateEnergy(ReadRegister(Atm90e32Registers.APenergyT));
            sample = new MeterSample(voltage, current, power, _savedWh, frequencyHz);
            return true;
        }
    }

    private void Initialise()
    {
        WriteRegister(Atm90e32Registers.SoftReset, Atm90e32Registers.SoftResetKey);
        WriteRegister(Atm90e32Registers.CfgRegAccEn, Atm90e32Registers.AccessKey);
        WriteRegister(Atm90e32Registers.MeterEn, 0x0001);
        WriteRegister(Atm90e32Registers.PLconstH, (ushort)(_calibration.PlConstant >> 16));
        WriteRegister(Atm90e32Registers.PLconstL, (ushort)_calibration.PlConstant);
        WriteRegister(Atm90e32Registers.MMode0, _calibration.MeteringMode0);
        WriteRegister(Atm90e32Registers.MMode1, _calibration.MeteringMode1);
        for (var phase = 0; phase < 3; phase++)
        {
            var offset = (ushort)(phase * Atm90e32Registers.PhaseStride);
            WriteRegister((ushort)(Atm90e32Registers.UgainA + offset), _calibration.VoltageGain[phase]);
            WriteRegister((ushort)(Atm90e32Registers.IgainA + offset), _calibration.CurrentGain[phase]);
            WriteRegister((ushort)(Atm90e32Registers.UoffsetA + offset), _calibration.VoltageOffset[phase]);
            WriteRegister((ushort)(Atm90e32Registers.IoffsetA + offset), _calibration.CurrentOffset[phase]);
        }

        // Close configuration access again so a glitch on the bus cannot rewrite calibration.
        WriteRegister(Atm90e32Registers.CfgRegAccEn, 0x0000);
    }

    private bool ConfigurationIntact() => ReadRegister(Atm90e32Registers.MMode0) == _calibration.MeteringMode0
        && _calibration.MeteringMode0 is not (0x0000 or 0xFFFF);

    private void AccumulateEnergy(ushort counts)
    {
        _pendingWh += counts * _calibration.WattHoursPerCount;
        if (_pendingWh >= PersistStepWh)
        {
            var whole = Math.Floor(_pendingWh / PersistStepWh) * PersistStepWh;
            _store.SaveWh(_savedWh + whole);
            _savedWh += whole;
            _pendingWh -= whole;
        }
    }

    private PhaseValues ReadPhases(ushort phaseARegister, double scale) => new(
        ReadRegister(phaseARegister) * scale,
        ReadRegister((ushort)(phaseARegister + 1)) * scale,
        ReadRegister((ushort)(phaseARegister + 2)) * scale);

    private double ReadPower(int phase)
    {
        var high = ReadRegister((ushort)(Atm90e32Registers.PmeanA + phase));
        var low = ReadRegister((ushort)(Atm90e32Registers.PmeanALsb + phase));
        return (int)(((uint)high << 16) | low) * 0.00032;
    }

    private ushort ReadRegister(ushort address)
    {
        Span<byte> tx = [(byte)(0x80 | (address >> 8)), (byte)address, 0, 0];
        Span<byte> rx = stackalloc byte[4];
        _spi.TransferFullDuplex(tx, rx);
        return (ushort)((rx[2] << 8) | rx[3]);
    }

    private void WriteRegister(ushort address, ushort value)
    {
        Span<byte> tx = [(byte)((address >> 8) & 0x7F), (byte)address, (byte)(value >> 8), (byte)value];
        Span<byte> rx = stackalloc byte[4];
        _spi.TransferFullDuplex(tx, rx);
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "ATM90E32 metering IC does not answer (MMode0 does not read back)")]
    private static partial void LogNotAnswering(ILogger logger);
}
