namespace Evse.Core.Pilot;

/// <summary>IEC 61851-1 / SAE J1772 control pilot states as seen by the EVSE.</summary>
public enum PilotState
{
    /// <summary>+12 V: no vehicle.</summary>
    A,

    /// <summary>+9 V: vehicle connected, not ready.</summary>
    B,

    /// <summary>+6 V: vehicle ready, charging.</summary>
    C,

    /// <summary>+3 V: vehicle ready, ventilation required.</summary>
    D,

    /// <summary>About 0 V: CP shorted to PE, or no supply. Abnormal unless we drive it.</summary>
    E,

    /// <summary>−12 V: EVSE not available.</summary>
    F,
}
