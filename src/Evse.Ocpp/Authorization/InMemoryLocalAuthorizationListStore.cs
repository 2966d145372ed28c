namespace Evse.Ocpp.Authorization;

/// <summary>A non-durable local list store for tests and simulated mode.</summary>
public sealed class InMemoryLocalAuthorizationListStore : ILocalAuthorizationListStore
{
    private LocalListSnapshot _snapshot = LocalListSnapshot.Empty;

    public LocalListSnapshot Load() => Volatile.Read(ref _snapshot);

    public void Replace(LocalListSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _snapshot, snapshot);
    }
}
