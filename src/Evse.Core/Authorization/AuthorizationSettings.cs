namespace Evse.Core.Authorization;

/// <summary>
/// The OCPP keys and station settings that steer authorization, with seed 001's defaults
/// (every offline rule Yes, Offline Authorize On, Authorize Timeout 60 s).
/// </summary>
/// <param name="OfflineAuthorize">The Blink station setting: Off refuses every authorization while offline, whatever the OCPP keys say; On lets the OCPP keys decide.</param>
public sealed record AuthorizationSettings(
    bool LocalAuthListEnabled = true,
    bool AuthorizationCacheEnabled = true,
    bool LocalPreAuthorize = true,
    bool LocalAuthorizeOffline = true,
    bool AllowOfflineTxForUnknownId = true,
    bool OfflineAuthorize = true)
{
    public static AuthorizationSettings Default { get; } = new();

    /// <summary>Authorize Timeout: how long to wait for Authorize.conf before the offline rules apply.</summary>
    public TimeSpan AuthorizeTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
