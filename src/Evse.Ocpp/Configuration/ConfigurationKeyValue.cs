namespace Evse.Ocpp.Configuration;

/// <summary>One entry of GetConfiguration.conf configurationKey: key, readonly flag, value.</summary>
public sealed record ConfigurationKeyValue(string Key, bool ReadOnly, string Value);
