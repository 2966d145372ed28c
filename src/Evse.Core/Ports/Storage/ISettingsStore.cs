namespace Evse.Core.Ports.Storage;

/// <summary>
/// Station settings and OCPP configuration keys that differ from the factory defaults, as text.
/// The catalogue of keys, their types and validation live with their owners; this only stores.
/// </summary>
public interface ISettingsStore
{
    IReadOnlyDictionary<string, string> LoadAll();

    void Save(string key, string value);

    void Remove(string key);

    /// <summary>Forgets every stored change: back to the factory defaults.</summary>
    void Clear();
}
