using Evse.Core.Measurements;

namespace Evse.Core.Ports.Hardware;

/// <summary>The connector's energy meter (metering IC).</summary>
public interface IEnergyMeter
{
    /// <summary>Reads the meter. False when the meter does not answer or answers nonsense.</summary>
    bool TryRead(out MeterSample sample);
}
