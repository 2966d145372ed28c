namespace Evse.Ocpp.Configuration;

/// <summary>A key with its current value, for the portal. Write-only keys carry an empty value and say whether one is set.</summary>
public sealed record ConfigurationKeyState(ConfigurationKeyDefinition Definition, string Value, bool IsDefault);
