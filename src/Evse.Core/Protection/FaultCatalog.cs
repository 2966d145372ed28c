using System.Collections.Frozen;
using Evse.Core.Charging;

namespace Evse.Core.Protection;

/// <summary>The descriptor of every <see cref="FaultCode"/>. Descriptions follow seed 004 §15.</summary>
public static class FaultCatalog
{
    private static readonly FrozenDictionary<FaultCode, FaultDescriptor> Descriptors = new FaultDescriptor[]
    {
        new(FaultCode.OverVoltage, ChargePointErrorCode.OverVoltage, "Overvoltage Fault", true, true, false),
        new(FaultCode.UnderVoltage, ChargePointErrorCode.UnderVoltage, "Undervoltage Fault", true, true, false),
        new(FaultCode.OverCurrent, ChargePointErrorCode.OverCurrentFailure, "Overcurrent Protection Fault", true, true, false),
        new(FaultCode.ResidualCurrent, ChargePointErrorCode.GroundFailure, "Leakage Protection Fault", true, true, false),
        new(FaultCode.RelayOverTemperature, ChargePointErrorCode.HighTemperature, "Relay Overtemperature Fault", true, true, false),
        new(FaultCode.InputOverTemperature, ChargePointErrorCode.HighTemperature, "Input Overtemperature Fault", true, true, false),
        new(FaultCode.SocketOverTemperature, ChargePointErrorCode.HighTemperature, "Socket Overtemperature Fault", true, true, false),
        new(FaultCode.CpVoltageAbnormal, ChargePointErrorCode.EVCommunicationError, "CP voltage abnormal", true, true, false),
        new(FaultCode.DiodeFailure, ChargePointErrorCode.EVCommunicationError, "Vehicle diode check failed", true, true, false),
        new(FaultCode.RelayWelded, ChargePointErrorCode.PowerSwitchFailure, "Relay Adhesion Fault", true, true, true),
        new(FaultCode.ChargingCircuitAbnormal, ChargePointErrorCode.PowerSwitchFailure, "Abnormal Charging Circuit Fault", true, true, false),
        new(FaultCode.GroundFault, ChargePointErrorCode.GroundFailure, "Abnormal Grounding Fault", true, true, false),
        new(FaultCode.LnReversed, ChargePointErrorCode.OtherError, "LN Reverse Connection Fault", true, true, false),
        new(FaultCode.PhaseLoss, ChargePointErrorCode.OtherError, "Phase Failure Fault", true, true, false),
        new(FaultCode.MeteringFailure, ChargePointErrorCode.PowerMeterFailure, "Metering Failure Fault", true, true, false),
        new(FaultCode.MeteringCommunicationFailure, ChargePointErrorCode.PowerMeterFailure, "Metering Communication Failure Fault", false, false, false),
        new(FaultCode.CardReaderOffline, ChargePointErrorCode.ReaderFailure, "Card Reader offline", false, false, false),
        new(FaultCode.LockFailure, ChargePointErrorCode.ConnectorLockFailure, "Electronic Lock Protection Failure", true, true, false),
        new(FaultCode.ProximityPilotError, ChargePointErrorCode.OtherError, "Proximity pilot resistance out of range", true, true, false),
        new(FaultCode.SelfTestFailed, ChargePointErrorCode.GroundFailure, "Residual current monitor self test failed", true, true, true),
        new(FaultCode.PlugOutWithLoad, ChargePointErrorCode.OtherError, "Plug out with load", true, true, false),
        new(FaultCode.ProtectiveEarthLeakage, ChargePointErrorCode.GroundFailure, "Leakage Fault Of PE Line", true, true, false),

        // Recorded at boot for a session a power cut ended; the restart has already cleared it, so it never stops charging.
        new(FaultCode.PowerFailure, ChargePointErrorCode.OtherError, "Power Failure Fault", false, false, false),
        new(FaultCode.VehicleLeakage, ChargePointErrorCode.GroundFailure, "Vehicle Leakage Alarm", true, true, false),
    }.ToFrozenDictionary(d => d.Code);

    public static FaultDescriptor Describe(FaultCode code) => Descriptors[code];

    public static IEnumerable<FaultDescriptor> All => Descriptors.Values;
}
