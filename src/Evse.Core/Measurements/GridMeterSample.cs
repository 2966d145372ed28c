namespace Evse.Core.Measurements;

/// <summary>One reading of the grid-side meter or CT clamps at the supply point.</summary>
public sealed record GridMeterSample(
    PhaseValues VoltageVolts,
    PhaseValues CurrentAmps,
    PhaseValues PowerWatts,
    double ImportEnergyWh,
    double ExportEnergyWh,
    double FrequencyHz);
