namespace Evse.Ocpp.Configuration;

/// <summary>Raised after a value is stored, so a new interval takes effect at once.</summary>
public sealed class ConfigurationChangedEventArgs(string key, string oldValue, string newValue, bool rebootRequired) : EventArgs
{
    /// <summary>The key as the catalogue spells it.</summary>
    public string Key { get; } = key;

    public string OldValue { get; } = oldValue;

    public string NewValue { get; } = newValue;

    /// <summary>True when the new value only takes effect after a restart; listeners may ignore it until then.</summary>
    public bool RebootRequired { get; } = rebootRequired;
}
