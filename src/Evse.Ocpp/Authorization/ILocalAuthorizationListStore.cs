namespace Evse.Ocpp.Authorization;

/// <summary>Durable storage of the local authorization list. <see cref="Replace"/> is atomic: all or nothing.</summary>
public interface ILocalAuthorizationListStore
{
    LocalListSnapshot Load();

    void Replace(LocalListSnapshot snapshot);
}
