namespace Evse.Ocpp.Authorization;

/// <summary>One cached idTag with the last IdTagInfo the Central System gave for it.</summary>
/// <param name="LastUsedAt">Last update or lookup; the least recently used entry goes first when the cache is full.</param>
public sealed record AuthorizationCacheEntry(string IdTag, IdTagInfo Info, DateTimeOffset LastUsedAt);
