namespace Evse.Ocpp.Authorization;

/// <summary>
/// Local list first, then the cache (OCPP 1.6 §3.5): what the charger knows about an idTag without asking.
/// Whether such an answer may start a transaction (LocalPreAuthorize, LocalAuthorizeOffline) is the authorizer's call.
/// </summary>
public sealed class LocalAuthorization(LocalAuthorizationList list, AuthorizationCache cache, TimeProvider time)
{
    public const string LocalListSource = "LocalList";
    public const string CacheSource = "Cache";

    /// <summary>How many parentIdTags from Central System answers are remembered in memory (a bound, not a cache policy).</summary>
    public const int RememberedParentsMax = 256;

    private readonly Lock _parentsGate = new();
    private readonly Dictionary<string, string?> _answeredParents = new(StringComparer.OrdinalIgnoreCase);

    public bool TryAuthorize(string idTag, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LocalAuthorizationResult? result)
    {
        var now = time.GetUtcNow();
        if (list.TryGet(idTag, out var listed))
        {
            result = new LocalAuthorizationResult(listed.StatusAt(now), listed, LocalListSource);
            return true;
        }

        if (cache.TryGet(idTag, out var cached))
        {
            result = new LocalAuthorizationResult(cached.StatusAt(now), cached, CacheSource);
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>
    /// An IdTagInfo arrived in Authorize.conf, StartTransaction.conf or StopTransaction.conf: update the cache,
    /// unless the idTag is on the enabled local list (the list is managed by SendLocalList only, OCPP 1.6 §4.8).
    /// </summary>
    public void OnIdTagInfo(string idTag, IdTagInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        lock (_parentsGate)
        {
            if (_answeredParents.Count >= RememberedParentsMax && !_answeredParents.ContainsKey(idTag))
            {
                _answeredParents.Clear();
            }

            _answeredParents[idTag] = info.ParentIdTag;
        }

        // While the list is disabled the cache takes over for its idTags too, so they still work offline.
        if (!list.TryGet(idTag, out _))
        {
            cache.Update(idTag, info);
        }
    }

    /// <summary>
    /// The parentIdTag of <paramref name="idTag"/> for reservations (OCPP 1.6 §5.13): local list, then cache, then the
    /// last idTagInfo the Central System sent for it (remembered in memory, so it works with the cache disabled too).
    /// </summary>
    public string? ParentOf(string idTag)
    {
        if (list.TryGet(idTag, out var listed))
        {
            return listed.ParentIdTag;
        }

        if (cache.TryGet(idTag, out var cached))
        {
            return cached.ParentIdTag;
        }

        lock (_parentsGate)
        {
            return _answeredParents.GetValueOrDefault(idTag);
        }
    }
}
