namespace Evse.Core.Authorization;

/// <summary>May a presented id stop the session under way?</summary>
public enum StopVerdict
{
    /// <summary>The same card, or a card of the same parent (group).</summary>
    Allowed,

    /// <summary>A different card whose parent is unknown here: authorize it to learn its parentIdTag, then ask again.</summary>
    NeedsParentIdTag,

    /// <summary>Someone else's card: reject (two beeps) and keep charging.</summary>
    Denied,
}
