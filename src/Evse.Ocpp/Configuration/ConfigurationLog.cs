using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Configuration;

/// <summary>Event ids 4300–4349 belong to configuration (see docs/ocpp-configuration.md).</summary>
internal static partial class ConfigurationLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Warning, Message = "Stored value of configuration key {Key} ignored, default used: {Error}")]
    public static partial void StoredValueInvalid(ILogger logger, string key, string error);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Stored configuration key {Key} is no longer in the catalogue; ignored")]
    public static partial void StoredKeyUnknown(ILogger logger, string key);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Configuration {Key} changed by {Origin}: {Status}")]
    public static partial void Changed(ILogger logger, string key, ConfigurationChangeOrigin origin, ChangeConfigurationStatus status);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information, Message = "Configuration change of {Key} by {Origin} refused ({Status}): {Error}")]
    public static partial void Refused(ILogger logger, string key, ConfigurationChangeOrigin origin, ChangeConfigurationStatus status, string error);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning, Message = "Configuration reset to factory defaults")]
    public static partial void ResetToDefaults(ILogger logger);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Error, Message = "A configuration change listener failed for {Key}")]
    public static partial void ListenerFailed(ILogger logger, Exception exception, string key);
}
