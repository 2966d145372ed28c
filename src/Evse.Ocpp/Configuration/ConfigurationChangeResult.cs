namespace Evse.Ocpp.Configuration;

/// <summary>The answer to a change request: the OCPP status and, when not applied, a message for people.</summary>
/// <param name="Status">Maps 1:1 to ChangeConfiguration.conf status.</param>
/// <param name="Error">Names the key and what is allowed; null when the value was stored.</param>
public sealed record ConfigurationChangeResult(ChangeConfigurationStatus Status, string? Error)
{
    public bool Applied => Status is ChangeConfigurationStatus.Accepted or ChangeConfigurationStatus.RebootRequired;
}
