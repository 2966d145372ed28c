using Evse.Core.Ports;

namespace Evse.Core.Authorization;

/// <summary>OCPP idTagInfo as held in the Local Authorization List, the cache, or a Central System answer.</summary>
public sealed record IdTagInfo(AuthorizationStatus Status, DateTimeOffset? ExpiryDate = null, string? ParentIdTag = null)
{
    /// <summary>The status at <paramref name="now"/>: an Accepted entry past its expiry date is Expired.</summary>
    public AuthorizationStatus StatusAt(DateTimeOffset now) =>
        Status == AuthorizationStatus.Accepted && ExpiryDate is { } expiry && expiry <= now ? AuthorizationStatus.Expired : Status;

    public bool ValidAt(DateTimeOffset now) => StatusAt(now) == AuthorizationStatus.Accepted;
}
