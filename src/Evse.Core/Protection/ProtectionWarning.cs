namespace Evse.Core.Protection;

/// <summary>The station warnings of seed 001 Fig. 14: logged, never a trip.</summary>
public enum ProtectionWarning
{
    TemperatureLow,
    TemperatureHigh,
    VoltageLow,
    VoltageHigh,
}
