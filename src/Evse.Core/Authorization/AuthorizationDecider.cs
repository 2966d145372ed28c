using Evse.Core.Ports;

namespace Evse.Core.Authorization;

/// <summary>
/// Who may start charging (REQUIREMENTS §2, OCPP 1.6 §3.5 "Local Authorization &amp; Offline Behaviour"):
/// the Local Authorization List first, then the cache, then the Central System. Pure.
/// </summary>
/// <remarks>
/// Online: a valid (Accepted, not expired) local entry is accepted at once when LocalPreAuthorize is set,
/// else confirmed with the Central System; an entry that is not valid is not trusted to refuse either
/// (the list may be behind), so the Central System is asked. Unknown ids go to the Central System.
/// Offline, and after Authorize Timeout, which is treated as offline: with Offline Authorize Off nothing is
/// accepted. Otherwise a valid local entry is accepted when LocalAuthorizeOffline is set; an id with a
/// not-valid entry (Blocked, Expired, Invalid) is refused; an unknown id is accepted when
/// AllowOfflineTxForUnknownId is set. A valid local entry with LocalAuthorizeOffline off is accepted when
/// AllowOfflineTxForUnknownId is set: refusing a known good card while admitting unknown ones would make no sense.
/// </remarks>
public static class AuthorizationDecider
{
    public static AuthorizationStep Decide(string idTag, AuthorizationContext context, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(idTag);
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        var (info, source) = LookUp(idTag, context);

        if (!context.Online)
        {
            return Offline(info, source, s, now, "Offline");
        }

        if (info is not null && info.ValidAt(now) && s.LocalPreAuthorize)
        {
            return AuthorizationStep.Done(AuthorizationStatus.Accepted, source!, info);
        }

        return new AuthorizationStep(null, info, now + s.AuthorizeTimeout, null);
    }

    /// <summary>The Central System answered Authorize.conf.</summary>
    public static AuthorizationStep OnCentralSystemAnswer(IdTagInfo answer, AuthorizationContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(context);

        // OCPP 1.6 §3.5.1: the cache holds every answer, including refusals, but never overrides the local list.
        var cache = context.Settings.AuthorizationCacheEnabled ? answer : null;
        return AuthorizationStep.Done(answer.StatusAt(now), "CentralSystem", answer, cache);
    }

    /// <summary>No Authorize.conf within Authorize Timeout: apply the offline rules.</summary>
    public static AuthorizationStep OnTimeout(string idTag, AuthorizationContext context, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(idTag);
        ArgumentNullException.ThrowIfNull(context);
        var (info, source) = LookUp(idTag, context);
        return Offline(info, source, context.Settings, now, "Timeout");
    }

    private static (IdTagInfo? Info, string? Source) LookUp(string idTag, AuthorizationContext context)
    {
        if (context.Settings.LocalAuthListEnabled && AuthorizationContext.Find(context.LocalList, idTag) is { } listed)
        {
            return (listed, "LocalList");
        }

        if (context.Settings.AuthorizationCacheEnabled && AuthorizationContext.Find(context.Cache, idTag) is { } cached)
        {
            return (cached, "Cache");
        }

        return (null, null);
    }

    private static AuthorizationStep Offline(IdTagInfo? info, string? source, AuthorizationSettings s, DateTimeOffset now, string offlineSource)
    {
        if (!s.OfflineAuthorize)
        {
            return AuthorizationStep.Done(AuthorizationStatus.Invalid, offlineSource, info);
        }

        if (info is null)
        {
            return AuthorizationStep.Done(s.AllowOfflineTxForUnknownId ? AuthorizationStatus.Accepted : AuthorizationStatus.Invalid, offlineSource, null);
        }

        if (!info.ValidAt(now))
        {
            return AuthorizationStep.Done(info.StatusAt(now), source!, info);
        }

        return s.LocalAuthorizeOffline
            ? AuthorizationStep.Done(AuthorizationStatus.Accepted, source!, info)
            : AuthorizationStep.Done(s.AllowOfflineTxForUnknownId ? AuthorizationStatus.Accepted : AuthorizationStatus.Invalid, offlineSource, info);
    }
}
