namespace Evse.Host.Options;

/// <summary>Configuration section <c>Ocpp</c>. With no Central System URL the station runs standalone.</summary>
public sealed class OcppOptions
{
    public const string SectionName = "Ocpp";

    /// <summary>ws:// or wss:// URL of the Central System, without the charge point id.</summary>
    public string CentralSystemUrl { get; set; } = string.Empty;

    public string ChargePointId { get; set; } = string.Empty;
}
