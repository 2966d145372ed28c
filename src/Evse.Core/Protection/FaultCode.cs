namespace Evse.Core.Protection;

/// <summary>
/// The conditions the protections detect (REQUIREMENTS §3, seed 004 §15). Each maps to an OCPP
/// error code and a description through <see cref="FaultCatalog"/>.
/// </summary>
public enum FaultCode
{
    OverVoltage,
    UnderVoltage,
    OverCurrent,
    ResidualCurrent,
    RelayOverTemperature,
    InputOverTemperature,
    SocketOverTemperature,
    CpVoltageAbnormal,
    DiodeFailure,
    RelayWelded,
    ChargingCircuitAbnormal,
    GroundFault,
    LnReversed,
    PhaseLoss,
    MeteringFailure,
    MeteringCommunicationFailure,
    CardReaderOffline,
    LockFailure,
    ProximityPilotError,
    SelfTestFailed,
    PlugOutWithLoad,
}
