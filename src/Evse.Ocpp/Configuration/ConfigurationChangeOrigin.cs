namespace Evse.Ocpp.Configuration;

/// <summary>Who asks for a change; only the station itself may write read-only keys (e.g. NumberOfConnectors).</summary>
public enum ConfigurationChangeOrigin
{
    CentralSystem,
    Portal,
    Station,
}
