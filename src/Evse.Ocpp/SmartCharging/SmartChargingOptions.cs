namespace Evse.Ocpp.SmartCharging;

/// <summary>The station facts the smart-charging profile needs to turn watts into amps and to fill gaps.</summary>
public sealed record SmartChargingOptions
{
    /// <summary>The nominal line-to-neutral voltage used for W ↔ A (IEC 60038: 230 V in Europe).</summary>
    public const decimal DefaultNominalVoltageVolts = 230m;

    /// <summary>Phases the station is wired to (1 or 3).</summary>
    public int PhaseCount { get; init; } = 1;

    /// <summary>Voltage per phase used to convert a W limit into A and back.</summary>
    public decimal NominalVoltageVolts { get; init; } = DefaultNominalVoltageVolts;

    /// <summary>
    /// The current reported by GetCompositeSchedule where no profile limits the connector: the station's own maximum,
    /// since OCPP's schedule has no "unlimited" value.
    /// </summary>
    public decimal MaximumCurrentAmps { get; init; } = 32m;

    /// <summary>How far ahead the applier looks for the next period boundary; it re-evaluates at least this often.</summary>
    public TimeSpan ApplierHorizon { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The longest window GetCompositeSchedule computes; a longer request is answered for this long.</summary>
    public TimeSpan MaximumCompositeDuration { get; init; } = TimeSpan.FromDays(31);
}
