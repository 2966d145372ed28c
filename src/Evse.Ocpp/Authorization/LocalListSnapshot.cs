namespace Evse.Ocpp.Authorization;

/// <summary>The whole local authorization list at one version; every entry has an IdTagInfo.</summary>
public sealed record LocalListSnapshot(int Version, IReadOnlyList<LocalAuthorizationListEntry> Entries)
{
    public static LocalListSnapshot Empty { get; } = new(0, []);
}
