namespace Evse.Core.Limits;

/// <summary>The contributors to the offered current (REQUIREMENTS §4), in the order the trace lists them.</summary>
public enum LimitSource
{
    /// <summary>The pilot can signal at most 80 A.</summary>
    PilotMaximum,

    /// <summary>Max Amperage HW Setting: the DIP switch.</summary>
    DipSwitch,

    /// <summary>Max Amperage FW Setting (portal, app, OCPP).</summary>
    FirmwareSetting,

    /// <summary>The cable's coding resistor read through the proximity pilot.</summary>
    Cable,

    /// <summary>Max Amperage Connector (factory setting).</summary>
    ConnectorRating,

    ThermalDerating,

    /// <summary>The Local Load Management grant of the gateway (or Fallback Current).</summary>
    LoadManagement,

    /// <summary>The headroom left by the household load on the grid meter / CT.</summary>
    PowerManagement,

    /// <summary>The OCPP composite charging schedule.</summary>
    SmartCharging,

    /// <summary>Hours of operation, cold-load pickup and other time rules.</summary>
    Schedule,

    /// <summary>FAST / ECO / ECO+ with Boost.</summary>
    ChargeMode,

    /// <summary>0 A while the Central System has rejected the idTag of the running transaction (OCPP StopTransactionOnInvalidId false).</summary>
    Authorization,
}
