using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;

namespace Evse.Core.Limits;

/// <summary>
/// Everything that can limit one connector's current. Null means "not present": a tethered unit has no
/// PP reading, a station without Local Load Management has no grant, and so on. The external
/// contributors arrive as ready-made <see cref="LimitContributor"/>s from their own modules.
/// </summary>
public sealed record CurrentLimitInputs
{
    public DipSwitchPositions? DipSwitch { get; init; }

    /// <summary>Max Amperage FW Setting.</summary>
    public double? FirmwareSettingAmps { get; init; }

    /// <summary>PP resistance in ohms: null on a tethered cable or with no plug in the socket.</summary>
    public double? ProximityOhms { get; init; }

    /// <summary>Max Amperage Connector.</summary>
    public double? ConnectorRatingAmps { get; init; }

    public TemperatureReadings Temperatures { get; init; } = TemperatureReadings.NotFitted;

    public LimitContributor? LoadManagement { get; init; }

    public LimitContributor? PowerManagement { get; init; }

    public LimitContributor? SmartCharging { get; init; }

    /// <summary>Hours of operation / cold-load pickup: 0 A while they hold.</summary>
    public LimitContributor? Schedule { get; init; }

    public LimitContributor? ChargeMode { get; init; }

    /// <summary>0 A while the Central System has rejected the running session's idTag (OCPP StopTransactionOnInvalidId false).</summary>
    public LimitContributor? Authorization { get; init; }
}
