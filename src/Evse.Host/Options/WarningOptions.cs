using Evse.Core.Protection;

namespace Evse.Host.Options;

/// <summary>
/// <c>Station:Warnings</c>: the "Warning Settings" of seed 001 Fig. 14 (defaults 85 °C, 170 °C, −35 VAC, 270 VAC).
/// They are logged and shown in /api/status; they never stop charging (the protections do that).
/// See <see cref="WarningSettings"/> for how each number is read.
/// </summary>
public sealed class WarningOptions
{
    /// <summary>Early temperature warning for the hottest sensor.</summary>
    public double TemperatureLowCelsius { get; set; } = WarningSettings.Default.TemperatureLowCelsius;

    /// <summary>Serious temperature warning for the hottest sensor.</summary>
    public double TemperatureHighCelsius { get; set; } = WarningSettings.Default.TemperatureHighCelsius;

    /// <summary>Negative: volts below <see cref="NominalVolts"/> (the default −35 is 205 V); positive: an absolute level.</summary>
    public double VoltageLowVolts { get; set; } = WarningSettings.Default.VoltageLowVolts;

    /// <summary>Absolute high-voltage warning level.</summary>
    public double VoltageHighVolts { get; set; } = WarningSettings.Default.VoltageHighVolts;

    /// <summary>The supply's nominal voltage that a negative <see cref="VoltageLowVolts"/> is counted from.</summary>
    public double NominalVolts { get; set; } = WarningSettings.Default.NominalVolts;

    public WarningSettings ToSettings() => new(TemperatureLowCelsius, TemperatureHighCelsius, VoltageLowVolts, VoltageHighVolts, NominalVolts);
}
