using Evse.Core.Charging;
using Evse.Core.Ports.Hardware;

namespace Evse.Ocpp.ChargePoint;

/// <summary>One connector as the OCPP layer sees it.</summary>
/// <param name="ConnectorId">OCPP connector id, from 1.</param>
/// <param name="Status">Current OCPP status.</param>
/// <param name="ErrorCode">Current OCPP error code.</param>
/// <param name="ActiveRecordId">The charging record of the running session, if any.</param>
/// <param name="Tethered">True when the cable is fixed to the station (UnlockConnector is then NotSupported).</param>
/// <param name="SocketLock">What the socket lock's feedback says; null when there is no lock (tethered) or it is not known.</param>
public sealed record ChargePointConnector(
    int ConnectorId,
    ChargePointStatus Status,
    ChargePointErrorCode ErrorCode,
    long? ActiveRecordId,
    bool Tethered,
    SocketLockState? SocketLock = null);
