namespace Evse.Ocpp.Firmware;

/// <summary>Where the FirmwareManagement profile keeps its files and how it retries; defaults suit the packaged daemon.</summary>
public sealed record FirmwareManagementOptions
{
    /// <summary>Downloads land here; the update unit watches <c>ready</c> in it.</summary>
    public string UpdateDirectory { get; init; } = "/var/lib/evse/update";

    /// <summary>Diagnostics zips are built here and deleted after the upload.</summary>
    public string DiagnosticsDirectory { get; init; } = "/var/lib/evse/diagnostics";

    /// <summary>Only a package of this name is installed.</summary>
    public string PackageName { get; init; } = "evse-daemon";

    /// <summary>Prefix of the diagnostics file name, e.g. the serial number.</summary>
    public string DiagnosticsFilePrefix { get; init; } = "diagnostics";

    /// <summary>Retries after the first attempt when the request gives none.</summary>
    public int DefaultRetries { get; init; } = 3;

    /// <summary>Wait between attempts when the request gives no retryInterval.</summary>
    public TimeSpan DefaultRetryInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many transfers a request allows in all: OCPP's <c>retries</c> counts the tries after the first.</summary>
    public int AttemptsFor(int? retries) => 1 + Math.Max(0, retries ?? DefaultRetries);

    /// <summary>The wait between attempts: the request's <c>retryInterval</c> in seconds, else the default.</summary>
    public TimeSpan IntervalFor(int? retryIntervalSeconds) =>
        retryIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : DefaultRetryInterval;

    /// <summary>How often a downloaded update checks whether the sessions have ended.</summary>
    public TimeSpan SessionPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait before re-sending a status notification that was not delivered (offline, timeout).</summary>
    public TimeSpan NotificationRetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the Installing notification may take before the package is handed over anyway.</summary>
    public TimeSpan InstallingNoticeWait { get; init; } = TimeSpan.FromSeconds(30);
}
