namespace Evse.Hardware.Linux.Chips;

/// <summary>Where a metering IC's energy register total survives restarts.</summary>
public interface IEnergyCounterStore
{
    /// <summary>The last saved total, 0 when nothing was saved yet.</summary>
    double LoadWh();

    void SaveWh(double energyWh);
}
