namespace Evse.Core.Scheduling;

/// <summary>The solar working modes of seed 004 §12.</summary>
public enum ChargeMode
{
    /// <summary>Maximum power within the user's limit.</summary>
    Fast,

    /// <summary>Solar surplus; when it is short, keep charging at the 6 A minimum.</summary>
    Eco,

    /// <summary>Solar surplus plus at most the ECO+ current (0–5 A) from the grid; pause beyond that.</summary>
    EcoPlus,
}
