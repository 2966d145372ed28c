namespace Evse.Ocpp.Authorization;

/// <summary>A non-durable cache store for tests and simulated mode. IdTags compare case-insensitively (IdToken is a CiString20).</summary>
public sealed class InMemoryAuthorizationCacheStore : IAuthorizationCacheStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthorizationCacheEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<AuthorizationCacheEntry> LoadAll()
    {
        lock (_gate)
        {
            return [.. _entries.Values];
        }
    }

    public void Upsert(AuthorizationCacheEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            _entries[entry.IdTag] = entry;
        }
    }

    public void Remove(string idTag)
    {
        lock (_gate)
        {
            _entries.Remove(idTag);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
