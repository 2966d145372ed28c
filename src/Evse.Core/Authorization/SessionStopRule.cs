namespace Evse.Core.Authorization;

/// <summary>
/// Stopping by card (REQUIREMENTS §2, OCPP 1.6 §3.5): the card that started the session stops it without any
/// authorization; another card stops it only when both share a parentIdTag. Ids compare without case.
/// </summary>
public static class SessionStopRule
{
    /// <param name="sessionIdTag">The id that started the session.</param>
    /// <param name="sessionParentIdTag">Its parentIdTag as learned at start, or null.</param>
    /// <param name="presentedIdTag">The id presented now.</param>
    /// <param name="presentedInfo">What the local list or cache (or a fresh Authorize.conf) knows of the presented id, or null.</param>
    public static StopVerdict Check(string sessionIdTag, string? sessionParentIdTag, string presentedIdTag, IdTagInfo? presentedInfo)
    {
        if (string.Equals(sessionIdTag, presentedIdTag, StringComparison.OrdinalIgnoreCase))
        {
            return StopVerdict.Allowed;
        }

        if (sessionParentIdTag is null)
        {
            return StopVerdict.Denied;
        }

        if (presentedInfo is null)
        {
            return StopVerdict.NeedsParentIdTag;
        }

        return string.Equals(presentedInfo.ParentIdTag, sessionParentIdTag, StringComparison.OrdinalIgnoreCase)
            ? StopVerdict.Allowed
            : StopVerdict.Denied;
    }
}
