namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// What the ATM90E32 needs from the board file. Defaults match the datasheet's reset values and
/// application note AN-641 for a 50 Hz 3-phase 4-wire meter with meter constant 3200 imp/kWh.
/// </summary>
/// <param name="VoltageGain">Ugain A, B, C (§6.5).</param>
/// <param name="CurrentGain">Igain A, B, C (§6.5).</param>
/// <param name="VoltageOffset">Uoffset A, B, C.</param>
/// <param name="CurrentOffset">Ioffset A, B, C.</param>
/// <param name="MeteringMode0">MMode0 (§6.3): 0x0087 = 50 Hz, 3P4W; 0x0187 for 60 Hz.</param>
/// <param name="MeteringMode1">MMode1: PGA gain of the current channels (0x0000 = ×1).</param>
/// <param name="PlConstant">PL_constant (§6.3, PLconstH/L) = 450 000 000 000 / meter constant; 140 625 000 for 3200 imp/kWh.</param>
/// <param name="MeterConstantImpPerKwh">The meter constant behind <paramref name="PlConstant"/>, used to scale the energy registers.</param>
public sealed record Atm90e32Calibration(
    IReadOnlyList<ushort> VoltageGain,
    IReadOnlyList<ushort> CurrentGain,
    IReadOnlyList<ushort> VoltageOffset,
    IReadOnlyList<ushort> CurrentOffset,
    ushort MeteringMode0 = 0x0087,
    ushort MeteringMode1 = 0x0000,
    uint PlConstant = 140_625_000,
    double MeterConstantImpPerKwh = 3200)
{
    public static Atm90e32Calibration Default => new(
        [0x8000, 0x8000, 0x8000],
        [0x8000, 0x8000, 0x8000],
        [0, 0, 0],
        [0, 0, 0]);

    /// <summary>Energy register LSB: 0.01 CF pulse (§6.6); one pulse is 1000 / meter constant Wh.</summary>
    public double WattHoursPerCount => 1000.0 / MeterConstantImpPerKwh / 100.0;
}
