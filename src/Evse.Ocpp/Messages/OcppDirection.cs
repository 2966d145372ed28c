namespace Evse.Ocpp.Messages;

/// <summary>Who sends the CALL of an action.</summary>
public enum OcppDirection
{
    /// <summary>The charge point calls, the Central System confirms (e.g. BootNotification).</summary>
    ChargePointToCentralSystem,

    /// <summary>The Central System calls, the charge point confirms (e.g. Reset).</summary>
    CentralSystemToChargePoint,

    /// <summary>Either side may call (DataTransfer).</summary>
    Both,
}
