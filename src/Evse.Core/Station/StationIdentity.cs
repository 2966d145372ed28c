namespace Evse.Core.Station;

/// <summary>Who this charge point is: sent in BootNotification and shown on the status page.</summary>
public sealed record StationIdentity(
    string Vendor,
    string Model,
    string SerialNumber,
    string FirmwareVersion,
    DateTimeOffset StartedAt);
