namespace Evse.Core.Ports.Hardware;

/// <summary>The proximity pilot (PP) of a Type 2 socket: the cable's coding resistor.</summary>
public interface IProximityPilot
{
    /// <summary>The resistance between PP and PE in ohms; null when no plug is in the socket.</summary>
    double? ReadResistanceOhms();
}
