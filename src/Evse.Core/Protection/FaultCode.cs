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

    /// <summary>Seed 004 §15 "Leakage Fault Of PE Line": PE current ≥ 30 mA, or N voltage ≥ 70 V with PE disconnected.</summary>
    ProtectiveEarthLeakage,

    /// <summary>Seed 004 §15 "Power Failure Fault": the charger lost power during a session (recorded at the next boot).</summary>
    PowerFailure,

    /// <summary>Seed 004 §15 "Vehicle Leakage Alarm": leakage on the vehicle side; recovers after unplugging.</summary>
    VehicleLeakage,
}
