namespace Evse.Core.Measurements;

/// <summary>
/// One reading of a connector's energy meter. <see cref="EnergyWh"/> is the meter's
/// register: it never goes backwards, across restarts included.
/// </summary>
public sealed record MeterSample(
    PhaseValues VoltageVolts,
    PhaseValues CurrentAmps,
    PhaseValues PowerWatts,
    double EnergyWh,
    double FrequencyHz)
{
    public double TotalPowerWatts => PowerWatts.Sum;
}
