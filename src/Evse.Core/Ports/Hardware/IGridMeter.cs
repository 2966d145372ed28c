using Evse.Core.Measurements;

namespace Evse.Core.Ports.Hardware;

/// <summary>The grid-side meter or CT clamps that measure the household load.</summary>
public interface IGridMeter
{
    /// <summary>Reads the meter. False when it does not answer or answers nonsense.</summary>
    bool TryRead(out GridMeterSample sample);
}
