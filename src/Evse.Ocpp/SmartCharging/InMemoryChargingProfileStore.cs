namespace Evse.Ocpp.SmartCharging;

/// <summary>A volatile <see cref="IChargingProfileStore"/> for tests and for a station without storage.</summary>
public sealed class InMemoryChargingProfileStore : IChargingProfileStore
{
    private readonly Lock _gate = new();
    private IReadOnlyList<InstalledChargingProfile> _profiles = [];

    public IReadOnlyList<InstalledChargingProfile> Load()
    {
        lock (_gate)
        {
            return _profiles;
        }
    }

    public void Replace(IReadOnlyList<InstalledChargingProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        lock (_gate)
        {
            _profiles = [.. profiles];
        }
    }
}
