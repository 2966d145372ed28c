namespace Evse.Host.Options;

/// <summary>
/// Configuration section <c>Station</c>: the factory defaults of the station settings. A change made later
/// through the portal or OCPP is stored in the database and wins over these.
/// </summary>
public sealed class StationOptions
{
    public const string SectionName = "Station";

    public int ConnectorCount { get; set; } = 1;

    /// <summary>Seed 001 "Power Phase Connected": 1 or 3; sets the protection thresholds (seed 004 §15).</summary>
    public int Phases { get; set; } = 1;

    /// <summary>Empty: every session needs authorization. Set (≥ 8 characters): plugging in starts a session with it.</summary>
    public string PlugAndChargeId { get; set; } = string.Empty;

    /// <summary>Empty: derived from /etc/machine-id.</summary>
    public string SerialNumber { get; set; } = string.Empty;

    public string Vendor { get; set; } = "EvseDaemon";

    public string Model { get; set; } = "EVSE-1";

    /// <summary>Seed 001 "Max Amperage FW Setting".</summary>
    public double MaxCurrentAmps { get; set; } = 32;

    /// <summary>What the connector and its cable are rated for.</summary>
    public double ConnectorRatingAmps { get; set; } = 32;

    /// <summary>OCPP ConnectionTimeOut: how long an authorization waits for the plug.</summary>
    public int ConnectionTimeOutSeconds { get; set; } = 60;

    /// <summary>Seed 001 "Authorize Timeout".</summary>
    public int AuthorizeTimeoutSeconds { get; set; } = 60;
}
