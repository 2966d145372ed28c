using Evse.Core.Charging;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Control;

/// <summary>The settings a connector runs with; fixed for the life of the loop except through events.</summary>
/// <param name="Charging">The state machine's settings (free vend id, timeouts).</param>
/// <param name="Protection">Thresholds and holds of every protection (1 or 3 phase).</param>
/// <param name="FirmwareSettingAmps">Seed 001 "Max Amperage FW Setting".</param>
/// <param name="ConnectorRatingAmps">What the connector, cable and wiring are rated for.</param>
/// <param name="DipSwitch">The DIP switch as read at power-up (null on a board without one).</param>
public sealed record ConnectorConfiguration(
    ConnectorSettings Charging,
    ProtectionSettings Protection,
    double FirmwareSettingAmps,
    double ConnectorRatingAmps,
    DipSwitchPositions? DipSwitch);
