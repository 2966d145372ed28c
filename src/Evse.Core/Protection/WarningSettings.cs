namespace Evse.Core.Protection;

/// <summary>
/// The station "Warning Settings" of seed 001 Fig. 14 (defaults 85 °C, 170 °C, −35 VAC, 270 VAC).
/// They log warnings; they never stop charging.
/// </summary>
/// <remarks>
/// The manual gives no semantics, so we read them as a vendor would: <see cref="TemperatureLowCelsius"/>
/// and <see cref="TemperatureHighCelsius"/> are two warning levels for the hottest sensor (the first an early
/// warning, the second a serious one); <see cref="VoltageHighVolts"/> is an absolute level; a negative
/// <see cref="VoltageLowVolts"/> (the default −35) is an offset below <see cref="NominalVolts"/> (240 − 35 = 205 V),
/// a positive one is absolute. Warnings clear with <see cref="HysteresisCelsius"/> / <see cref="HysteresisVolts"/>
/// so a value sitting on the line does not flood the log.
/// </remarks>
public sealed record WarningSettings(
    double TemperatureLowCelsius,
    double TemperatureHighCelsius,
    double VoltageLowVolts,
    double VoltageHighVolts,
    double NominalVolts)
{
    public static WarningSettings Default { get; } = new(85, 170, -35, 270, 240);

    public double HysteresisCelsius { get; init; } = 3;

    public double HysteresisVolts { get; init; } = 5;

    /// <summary>How long a value must stay past a warning level before the warning is logged.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The absolute low-voltage warning level.</summary>
    public double EffectiveVoltageLowVolts => VoltageLowVolts < 0 ? NominalVolts + VoltageLowVolts : VoltageLowVolts;
}
