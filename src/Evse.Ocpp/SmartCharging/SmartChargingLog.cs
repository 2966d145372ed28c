using Evse.Core.Limits;
using Evse.Ocpp.Messages;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.SmartCharging;

internal static partial class SmartChargingLog
{
    [LoggerMessage(EventId = 4600, Level = LogLevel.Information, Message = "Charging profile {ProfileId} ({Purpose}, stack level {StackLevel}) installed on connector {ConnectorId}")]
    public static partial void Installed(ILogger logger, int profileId, ChargingProfilePurpose purpose, int stackLevel, int connectorId);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Warning, Message = "Charging profile {ProfileId} for connector {ConnectorId} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, int profileId, int connectorId, string reason);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Information, Message = "Charging profiles removed: {ProfileIds}")]
    public static partial void Removed(ILogger logger, IReadOnlyList<int> profileIds);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Information, Message = "Connector {ConnectorId} smart-charging limit {Limit} (none: no profile applies)")]
    public static partial void LimitApplied(ILogger logger, int connectorId, LimitContributor? limit);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Error, Message = "Applying the composite schedules failed; retried at the next change or in {Retry}")]
    public static partial void ApplyFailed(ILogger logger, Exception exception, TimeSpan retry);

    [LoggerMessage(EventId = 4605, Level = LogLevel.Error, Message = "Handling {EventName} of connector {ConnectorId} failed")]
    public static partial void EventFailed(ILogger logger, Exception exception, string eventName, int connectorId);
}
