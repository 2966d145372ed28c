namespace Evse.Core.Ports.Hardware;

/// <summary>Checks of the supply wiring: protective earth present and L-N the right way round.</summary>
public readonly record struct SupplyCheck(bool GroundOk, bool PolarityOk)
{
    public static SupplyCheck Healthy => new(true, true);
}

/// <summary>The PE / ground monitor and the L-N polarity check.</summary>
public interface ISupplyMonitor
{
    SupplyCheck Read();
}
