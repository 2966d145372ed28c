namespace Evse.Portal.Status;

public sealed record HealthDto(string Status, string? Problem);
