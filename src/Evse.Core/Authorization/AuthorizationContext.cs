namespace Evse.Core.Authorization;

/// <summary>
/// The data an authorization decision looks at, provided by the OCPP layer. Lookups ignore case, as OCPP
/// idTags do; pass dictionaries built with <see cref="StringComparer.OrdinalIgnoreCase"/> for speed.
/// </summary>
public sealed record AuthorizationContext(
    bool Online,
    AuthorizationSettings Settings,
    IReadOnlyDictionary<string, IdTagInfo> LocalList,
    IReadOnlyDictionary<string, IdTagInfo> Cache)
{
    private static readonly Dictionary<string, IdTagInfo> None = new(StringComparer.OrdinalIgnoreCase);

    public static AuthorizationContext Standalone(bool online) => new(online, AuthorizationSettings.Default, None, None);

    internal static IdTagInfo? Find(IReadOnlyDictionary<string, IdTagInfo> entries, string idTag)
    {
        if (entries.TryGetValue(idTag, out var info))
        {
            return info;
        }

        foreach (var (key, value) in entries)
        {
            if (string.Equals(key, idTag, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
