using Evse.Core.Ports;

namespace Evse.Ocpp.Authorization;

/// <summary>OCPP 1.6 IdTagInfo: status, optional expiry and parent id tag.</summary>
public sealed record IdTagInfo(AuthorizationStatus Status, DateTimeOffset? ExpiryDate = null, string? ParentIdTag = null)
{
    /// <summary>The status as of <paramref name="now"/>: an Accepted entry past its expiry date counts as Expired (OCPP 1.6 §3.5).</summary>
    public AuthorizationStatus StatusAt(DateTimeOffset now) =>
        Status == AuthorizationStatus.Accepted && ExpiryDate is { } expiry && expiry <= now ? AuthorizationStatus.Expired : Status;
}
