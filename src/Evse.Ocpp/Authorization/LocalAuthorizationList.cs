namespace Evse.Ocpp.Authorization;

/// <summary>
/// The local authorization list of OCPP 1.6 §3.5.2 / §5.15 (SendLocalList) / §5.10 (GetLocalListVersion).
/// <list type="bullet">
/// <item>Full update: the request's entries become the list (every entry needs an IdTagInfo); no entries empties it.</item>
/// <item>Differential: the version must be higher than the current one, else VersionMismatch; an entry with an
/// IdTagInfo is added or updated, one without is removed.</item>
/// <item>More entries than SendLocalListMaxLength in one request, a result longer than LocalAuthListMaxLength, an
/// idTag listed twice or a negative version: Failed, and the list is left as it was.</item>
/// <item>Profile not supported: NotSupported and version −1. The list is kept up to date while LocalAuthListEnabled
/// is false, but not used for authorization.</item>
/// </list>
/// </summary>
public sealed class LocalAuthorizationList
{
    private readonly ILocalAuthorizationListStore _store;
    private readonly Func<LocalAuthorizationListLimits> _limits;
    private readonly Lock _gate = new();
    private int _version;
    private Dictionary<string, IdTagInfo> _entries;

    public LocalAuthorizationList(ILocalAuthorizationListStore store, Func<LocalAuthorizationListLimits> limits)
    {
        _store = store;
        _limits = limits;
        var snapshot = store.Load();
        _version = snapshot.Version;
        _entries = snapshot.Entries.ToDictionary(e => e.IdTag, e => e.Info!, StringComparer.OrdinalIgnoreCase);
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

    /// <summary>GetLocalListVersion: −1 when not supported, 0 when the list is empty, else the version of the last update.</summary>
    public int Version
    {
        get
        {
            if (!_limits().Supported)
            {
                return -1;
            }

            lock (_gate)
            {
                return _entries.Count == 0 ? 0 : _version;
            }
        }
    }

    /// <summary>The listed IdTagInfo; false when the list is disabled, unsupported, or does not hold the idTag.</summary>
    public bool TryGet(string idTag, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IdTagInfo? info)
    {
        info = null;
        var limits = _limits();
        if (!limits.Supported || !limits.Enabled)
        {
            return false;
        }

        lock (_gate)
        {
            return _entries.TryGetValue(idTag, out info);
        }
    }

    /// <summary>True when the idTag is on the list, whether or not the list is enabled.</summary>
    public bool Contains(string idTag)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(idTag);
        }
    }

    /// <summary>SendLocalList.req.</summary>
    /// <param name="entries">localAuthorizationList; null or empty is allowed.</param>
    public SendLocalListStatus Apply(int listVersion, LocalListUpdateType updateType, IReadOnlyList<LocalAuthorizationListEntry>? entries)
    {
        var limits = _limits();
        if (!limits.Supported)
        {
            return SendLocalListStatus.NotSupported;
        }

        entries ??= [];
        if (listVersion < 0 || entries.Count > limits.SendMaxLength
            || entries.Select(e => e.IdTag).Distinct(StringComparer.OrdinalIgnoreCase).Count() != entries.Count
            || entries.Any(e => string.IsNullOrWhiteSpace(e.IdTag)))
        {
            return SendLocalListStatus.Failed;
        }

        lock (_gate)
        {
            Dictionary<string, IdTagInfo> next;
            if (updateType == LocalListUpdateType.Full)
            {
                if (entries.Any(e => e.Info is null))
                {
                    return SendLocalListStatus.Failed;
                }

                next = entries.ToDictionary(e => e.IdTag, e => e.Info!, StringComparer.OrdinalIgnoreCase);
            }
            else
            {
                if (listVersion <= Version)
                {
                    return SendLocalListStatus.VersionMismatch;
                }

                next = new Dictionary<string, IdTagInfo>(_entries, StringComparer.OrdinalIgnoreCase);
                foreach (var entry in entries)
                {
                    if (entry.Info is null)
                    {
                        next.Remove(entry.IdTag);
                    }
                    else
                    {
                        next.Remove(entry.IdTag);
                        next[entry.IdTag] = entry.Info;
                    }
                }
            }

            if (next.Count > limits.MaxLength)
            {
                return SendLocalListStatus.Failed;
            }

            _store.Replace(new LocalListSnapshot(listVersion, [.. next.Select(p => new LocalAuthorizationListEntry(p.Key, p.Value))]));
            _entries = next;
            _version = listVersion;
            return SendLocalListStatus.Accepted;
        }
    }
}
