namespace Evse.Core.Charging;

/// <summary>A charging session under way on a connector.</summary>
/// <param name="IdTag">Who started it (card UID, remote idTag or the Plug and Charge ID).</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="MeterStartWh">The meter register at the start.</param>
/// <param name="RecordId">The charging record's id once it is stored; null until then, and no power is offered before.</param>
/// <param name="ParentIdTag">The starting id's parentIdTag as learned from its authorization, or null: another card of that parent may stop the session.</param>
public sealed record Session(string IdTag, DateTimeOffset StartedAt, double MeterStartWh, long? RecordId, string? ParentIdTag = null);
