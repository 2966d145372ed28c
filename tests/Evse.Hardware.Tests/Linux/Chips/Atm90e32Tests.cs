using Evse.Hardware.Linux.Chips;
using Evse.Hardware.Tests.Linux.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Hardware.Tests.Linux.Chips;

public sealed class Atm90e32Tests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm90e32-").FullName;
    private readonly FakeAtm90e32 _chip = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TryRead_FirstRead_WritesCalibrationUnderAccessKeyThenLocks()
    {
        var calibration = Atm90e32Calibration.Default with { VoltageGain = [0x7A10, 0x7B20, 0x7C30], CurrentGain = [0x1111, 0x2222, 0x3333], MeteringMode1 = 0x002A };
        var meter = Meter(calibration);

        Assert.True(meter.TryRead(out _));

        Assert.Equal(0x7A10, _chip[0x61]);
        Assert.Equal(0x7B20, _chip[0x65]);
        Assert.Equal(0x7C30, _chip[0x69]);
        Assert.Equal(0x3333, _chip[0x6A]);
        Assert.Equal(0x002A, _chip[0x34]);
        Assert.Equal(0x0861, _chip[0x31]); // PL constant 140 625 000 = 0x0861C468
        Assert.Equal(0xC468, _chip[0x32]);
        Assert.Equal(0x0000, _chip[0x7F]); // access closed again
        Assert.Equal((ushort)0x70, _chip.Writes[0].Address);
    }

    [Fact]
    public void TryRead_RegisterValues_AreScaledToUnits()
    {
        var meter = Meter();
        Assert.True(meter.TryRead(out _));
        _chip[0xD9] = 23_012;     // 230.12 V
        _chip[0xDA] = 22_950;
        _chip[0xDB] = 0;
        _chip[0xDD] = 16_020;     // 16.020 A
        _chip[0xF8] = 4_998;      // 49.98 Hz
        var raw = (int)Math.Round(3686.5 / 0.00032);
        _chip[0xB1] = (ushort)(raw >> 16);
        _chip[0xC1] = (ushort)raw;
        var negative = (int)Math.Round(-100.0 / 0.00032);
        _chip[0xB2] = (ushort)(negative >> 16);
        _chip[0xC2] = (ushort)negative;

        Assert.True(meter.TryRead(out var sample));

        Assert.Equal(230.12, sample.VoltageVolts.L1, 2);
        Assert.Equal(229.50, sample.VoltageVolts.L2, 2);
        Assert.Equal(16.020, sample.CurrentAmps.L1, 3);
        Assert.Equal(3686.5, sample.PowerWatts.L1, 2);
        Assert.Equal(-100.0, sample.PowerWatts.L2, 2);
        Assert.Equal(49.98, sample.FrequencyHz, 2);
    }

    [Fact]
    public void TryRead_EnergyCounts_AccumulateAndPersistInSteps()
    {
        var store = new FileEnergyCounterStore(Path.Combine(_dir, "e.txt"));
        var meter = new Atm90e32(_chip, Atm90e32Calibration.Default, store, NullLogger<Atm90e32>.Instance, persistStepWh: 10);
        Assert.True(meter.TryRead(out _));

        _chip[0x80] = 3200;     // 3200 × 0.003125 Wh = 10 Wh
        Assert.True(meter.TryRead(out var first));
        _chip[0x80] = 1600;     // +5 Wh: not yet a whole step
        Assert.True(meter.TryRead(out var second));
        _chip[0x80] = 1600;     // +5 Wh: 20 Wh
        Assert.True(meter.TryRead(out var third));

        Assert.Equal(10, first.EnergyWh, 6);
        Assert.Equal(10, second.EnergyWh, 6);
        Assert.Equal(20, third.EnergyWh, 6);
        Assert.Equal(20, store.LoadWh(), 6);
    }

    [Fact]
    public void TryRead_AfterRestart_ContinuesFromSavedTotal()
    {
        var path = Path.Combine(_dir, "e.txt");
        var before = new Atm90e32(_chip, Atm90e32Calibration.Default, new FileEnergyCounterStore(path), NullLogger<Atm90e32>.Instance);
        Assert.True(before.TryRead(out _));
        _chip[0x80] = 32_000;   // 100 Wh
        Assert.True(before.TryRead(out var last));

        // The chip restarts too and had counted energy while the daemon was down: not billed.
        var chipAfter = new FakeAtm90e32();
        chipAfter[0x80] = 9_999;
        var after = new Atm90e32(chipAfter, Atm90e32Calibration.Default, new FileEnergyCounterStore(path), NullLogger<Atm90e32>.Instance);
        Assert.True(after.TryRead(out var first));

        Assert.Equal(100, last.EnergyWh, 6);
        Assert.Equal(100, first.EnergyWh, 6);
    }

    [Fact]
    public void TryRead_DeadBus_ReturnsFalseAtOnce()
    {
        var meter = Meter();
        Assert.True(meter.TryRead(out _));

        _chip.Dead = true;

        Assert.False(meter.TryRead(out _));
        Assert.False(meter.TryRead(out _));
    }

    [Fact]
    public void TryRead_BrownOut_FailsOnceThenReinitialisesWithoutLosingEnergy()
    {
        var meter = Meter();
        Assert.True(meter.TryRead(out _));
        _chip[0x80] = 6400;     // 20 Wh
        Assert.True(meter.TryRead(out var before));

        _chip.BrownOut();
        var duringReset = meter.TryRead(out _);
        var afterReinit = meter.TryRead(out var after);

        Assert.False(duringReset);
        Assert.True(afterReinit);
        Assert.Equal(0x0087, _chip[0x33]);
        Assert.Equal(before.EnergyWh, after.EnergyWh, 6);
    }

    [Fact]
    public void Calibration_WattHoursPerCount_FollowsMeterConstant()
    {
        Assert.Equal(0.003125, Atm90e32Calibration.Default.WattHoursPerCount, 9);
        Assert.Equal(0.01, (Atm90e32Calibration.Default with { MeterConstantImpPerKwh = 1000 }).WattHoursPerCount, 9);
    }

    [Fact]
    public void FileEnergyCounterStore_GarbageFile_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_dir, "bad.txt");
        File.WriteAllText(path, "lots");

        var ex = Assert.Throws<InvalidDataException>(() => new FileEnergyCounterStore(path).LoadWh());

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    private Atm90e32 Meter(Atm90e32Calibration? calibration = null) =>
        new(_chip, calibration ?? Atm90e32Calibration.Default, new FileEnergyCounterStore(Path.Combine(_dir, "energy.txt")), NullLogger<Atm90e32>.Instance);
}
