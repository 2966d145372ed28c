namespace Evse.Core.Charging;

/// <summary>OCPP 1.6 ChargePointStatus, the connector states of seed 001 Table 19.</summary>
public enum ChargePointStatus
{
    Available,
    Preparing,
    Charging,
    SuspendedEVSE,
    SuspendedEV,
    Finishing,
    Reserved,
    Unavailable,
    Faulted,
}
