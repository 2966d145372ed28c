using Evse.Core.Ports;

namespace Evse.Ocpp.Authorization;

/// <summary>
/// The authorization cache of OCPP 1.6 §3.5.1: the last IdTagInfo the Central System gave per idTag (from Authorize,
/// StartTransaction and StopTransaction confirmations), used for local decisions when AuthorizationCacheEnabled is true.
/// When full, entries that no longer authorize go first, then the least recently used.
/// </summary>
public sealed class AuthorizationCache
{
    /// <summary>Our capacity; OCPP does not fix one. Small enough for a SQLite table on an SD card.</summary>
    public const int DefaultCapacity = 1000;

    private readonly IAuthorizationCacheStore _store;
    private readonly Func<bool> _enabled;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthorizationCacheEntry> _entries;

    /// <param name="enabled">Reads AuthorizationCacheEnabled at every call so a change applies at once.</param>
    public AuthorizationCache(IAuthorizationCacheStore store, Func<bool> enabled, TimeProvider time, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _store = store;
        _enabled = enabled;
        _time = time;
        _capacity = capacity;
        _entries = store.LoadAll().ToDictionary(e => e.IdTag, StringComparer.OrdinalIgnoreCase);
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The cached IdTagInfo; false when the cache is disabled or holds nothing for this idTag.</summary>
    public bool TryGet(string idTag, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IdTagInfo? info)
    {
        info = null;
        if (!_enabled())
        {
            return false;
        }

        lock (_gate)
        {
            if (!_entries.TryGetValue(idTag, out var entry))
            {
                return false;
            }

            info = entry.Info;
            _entries[entry.IdTag] = entry with { LastUsedAt = _time.GetUtcNow() };
            return true;
        }
    }

    /// <summary>Records what the Central System said about an idTag. Ignored while the cache is disabled.</summary>
    public void Update(string idTag, IdTagInfo info)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idTag);
        ArgumentNullException.ThrowIfNull(info);
        if (!_enabled())
        {
            return;
        }

        lock (_gate)
        {
            if (!_entries.ContainsKey(idTag) && _entries.Count >= _capacity)
            {
                Evict();
            }

            var entry = new AuthorizationCacheEntry(idTag, info, _time.GetUtcNow());
            _entries.Remove(idTag);
            _entries[idTag] = entry;
            _store.Upsert(entry);
        }
    }

    /// <summary>ClearCache.req: forget every entry.</summary>
    public ClearCacheStatus Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _store.Clear();
        }

        return ClearCacheStatus.Accepted;
    }

    private void Evict()
    {
        var now = _time.GetUtcNow();
        var victim = _entries.Values
            .OrderBy(e => e.Info.StatusAt(now) == AuthorizationStatus.Accepted ? 1 : 0)
            .ThenBy(e => e.LastUsedAt)
            .First();
        _entries.Remove(victim.IdTag);
        _store.Remove(victim.IdTag);
    }
}
