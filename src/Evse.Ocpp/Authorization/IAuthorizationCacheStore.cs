namespace Evse.Ocpp.Authorization;

/// <summary>Durable storage of the authorization cache (it survives a reboot, OCPP 1.6 §3.5.1).</summary>
public interface IAuthorizationCacheStore
{
    IReadOnlyList<AuthorizationCacheEntry> LoadAll();

    void Upsert(AuthorizationCacheEntry entry);

    void Remove(string idTag);

    void Clear();
}
