using Evse.Core.Scheduling;

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

    /// <summary>OCPP ConnectionTimeOut (seed 001: 900 s; the station page's "EV Connect Timeout" is the same rule): how long an authorization waits for the plug.</summary>
    public int ConnectionTimeOutSeconds { get; set; } = 900;

    /// <summary>Seed 001 "Cold Load Pickup Max Delay": after a power failure power is offered after a random 120 s to this.</summary>
    public int ColdLoadPickupMaxDelaySeconds { get; set; } = 720;

    /// <summary>Seed 001 "Resume Charge After Reboot": a session cut by a power loss restarts for the same idTag.</summary>
    public bool ResumeChargeAfterReboot { get; set; }

    /// <summary>Seed 001 "Reboot Period" in minutes (default a week); the planned restart waits until no session runs. 0: never.</summary>
    public int RebootPeriodMinutes { get; set; } = 10080;

    /// <summary>Seed 001 hours of operation per weekday, "HHMM-HHMM" or "closed" (e.g. Monday: "0700-2200"); a day not named is open all day.</summary>
    public Dictionary<string, string> HoursOfOperation { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The station's time zone for hours of operation and boost timers (IANA id); empty: the system's.</summary>
    public string TimeZone { get; set; } = string.Empty;

    /// <summary>Seed 001 "Authorize Timeout".</summary>
    public int AuthorizeTimeoutSeconds { get; set; } = 60;

    /// <summary>Seed 004 §12 charging mode: Fast (default, no limit from the mode), Eco (solar surplus, at least 6 A) or EcoPlus (surplus plus <see cref="EcoPlusGridAmps"/>, else pause).</summary>
    public ChargeMode ChargeMode { get; set; } = ChargeMode.Fast;

    /// <summary>Seed 004 "ECO+ current": grid current allowed on top of the solar surplus in EcoPlus, 0 to 5 A. Default 0: pure solar until the owner allows more.</summary>
    public double EcoPlusGridAmps { get; set; }

    /// <summary>Seed 004 §10 boost timers: up to 4 windows in which Eco and EcoPlus charge as Fast; no overlaps, start before end.</summary>
    public List<BoostTimerOptions> BoostTimers { get; set; } = [];

    /// <summary>Seed 004 §9 / seed 001 station lock: a locked station starts no new session; one under way finishes.</summary>
    public bool StationLocked { get; set; }

    /// <summary>Seed 001 Fig. 14 "Warning Settings": logged, never trips.</summary>
    public WarningOptions Warnings { get; set; } = new();
}
