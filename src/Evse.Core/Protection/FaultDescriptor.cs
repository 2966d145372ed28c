using Evse.Core.Charging;

namespace Evse.Core.Protection;

/// <summary>What the station does with a fault and how it reports it.</summary>
/// <param name="Code">The condition.</param>
/// <param name="ErrorCode">The OCPP errorCode of the StatusNotification.</param>
/// <param name="Description">The fault record's description, worded as seed 004 §15 words it.</param>
/// <param name="StopsCharging">True when the contactor must open while the fault is active.</param>
/// <param name="MakesConnectorFaulted">True when the connector reports Faulted (false: a degraded mode or warning).</param>
/// <param name="Hard">True when only a person can clear it (red steady LED); false for recoverable faults (red flashing).</param>
public sealed record FaultDescriptor(
    FaultCode Code,
    ChargePointErrorCode ErrorCode,
    string Description,
    bool StopsCharging,
    bool MakesConnectorFaulted,
    bool Hard);
