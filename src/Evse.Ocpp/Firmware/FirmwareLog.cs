using Evse.Ocpp.Messages;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Firmware;

internal static partial class FirmwareLog
{
    [LoggerMessage(EventId = 4600, Level = LogLevel.Information, Message = "UpdateFirmware from {Location}: download at {RetrieveDate:o}, {Attempts} attempt(s) {RetryInterval} apart")]
    public static partial void UpdateScheduled(ILogger logger, string location, DateTimeOffset retrieveDate, int attempts, TimeSpan retryInterval);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Firmware status {Status}")]
    public static partial void FirmwareStatusChanged(ILogger logger, FirmwareStatus status);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "Firmware download attempt {Attempt} of {Attempts} failed: {Reason}")]
    public static partial void DownloadAttemptFailed(ILogger logger, int attempt, int attempts, string reason);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Error, Message = "Firmware file refused, nothing installed: {Reason}")]
    public static partial void PackageRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Information, Message = "Firmware {Version} downloaded and verified; waiting for running sessions to end before installing")]
    public static partial void WaitingForSessions(ILogger logger, string version);

    [LoggerMessage(EventId = 4605, Level = LogLevel.Information, Message = "Installing firmware {Version} (running {RunningVersion})")]
    public static partial void Installing(ILogger logger, string version, string runningVersion);

    [LoggerMessage(EventId = 4606, Level = LogLevel.Error, Message = "Firmware installation failed: {Reason}")]
    public static partial void InstallFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4607, Level = LogLevel.Information, Message = "After the restart: expected firmware {Expected}, running {Running}")]
    public static partial void InstallChecked(ILogger logger, string expected, string running);

    [LoggerMessage(EventId = 4608, Level = LogLevel.Warning, Message = "A new UpdateFirmware replaces the one in progress")]
    public static partial void UpdateReplaced(ILogger logger);

    [LoggerMessage(EventId = 4610, Level = LogLevel.Information, Message = "GetDiagnostics to {Location} as {FileName}")]
    public static partial void DiagnosticsRequested(ILogger logger, string location, string fileName);

    [LoggerMessage(EventId = 4611, Level = LogLevel.Warning, Message = "Diagnostics upload attempt {Attempt} of {Attempts} failed: {Reason}")]
    public static partial void UploadAttemptFailed(ILogger logger, int attempt, int attempts, string reason);

    [LoggerMessage(EventId = 4612, Level = LogLevel.Error, Message = "Diagnostics could not be collected: {Reason}")]
    public static partial void CollectFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4613, Level = LogLevel.Information, Message = "Diagnostics status {Status}")]
    public static partial void DiagnosticsStatusChanged(ILogger logger, DiagnosticsStatus status);
}
