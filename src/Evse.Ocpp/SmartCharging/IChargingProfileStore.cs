namespace Evse.Ocpp.SmartCharging;

/// <summary>Keeps the installed charging profiles across restarts (OCPP 1.6 §3.13: profiles are persistent).</summary>
public interface IChargingProfileStore
{
    /// <summary>Every installed profile.</summary>
    IReadOnlyList<InstalledChargingProfile> Load();

    /// <summary>Replaces the stored set with <paramref name="profiles"/> in one step (at most MaxChargingProfilesInstalled).</summary>
    void Replace(IReadOnlyList<InstalledChargingProfile> profiles);
}
