namespace Evse.Host.Options;

/// <summary>Configuration section <c>Ocpp</c>. With no Central System URL the station runs standalone.</summary>
public sealed class OcppOptions
{
    public const string SectionName = "Ocpp";

    /// <summary>ws:// or wss:// URL of the Central System, without the charge point id.</summary>
    public string CentralSystemUrl { get; set; } = string.Empty;

    public string ChargePointId { get; set; } = string.Empty;

    /// <summary>
    /// Days a finished transaction's messages stay in the outbox after its last one was delivered (or dropped), so a
    /// replayed enqueue of that session is still recognised as a duplicate; then OutboxRetentionWorker deletes them.
    /// At least 1 (docs/ocpp.md "Outbox retention").
    /// </summary>
    public int OutboxRetentionDays { get; set; } = 7;
}
