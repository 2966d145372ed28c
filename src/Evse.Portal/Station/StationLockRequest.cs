namespace Evse.Portal.Station;

/// <summary>POST /api/station/lock body. Nullable so a missing field is told apart from false.</summary>
public sealed record StationLockRequest(bool? Locked);
