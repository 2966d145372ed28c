using Evse.Core.Ports.Storage;

namespace Evse.Ocpp.Tests.Configuration;

internal sealed class InMemorySettingsStore : ISettingsStore
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> LoadAll() => new Dictionary<string, string>(Values);

    public void Save(string key, string value) => Values[key] = value;

    public void Remove(string key) => Values.Remove(key);

    public void Clear() => Values.Clear();
}
