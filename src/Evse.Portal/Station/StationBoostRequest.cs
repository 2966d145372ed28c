namespace Evse.Portal.Station;

/// <summary>POST /api/station/boost body. Nullable so a missing field is told apart from false.</summary>
public sealed record StationBoostRequest(bool? On);
