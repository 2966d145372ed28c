using Evse.Ocpp.Authorization;
using Evse.Ocpp.Outbox;

namespace Evse.Ocpp.Configuration;

/// <summary>
/// The views the outbox and the authorization classes read at every use, so that they stay free of the
/// configuration service and a ChangeConfiguration applies at once. Wire as <c>() =&gt; config.OutboxRetryPolicy()</c>.
/// </summary>
public static class ConfigurationServiceExtensions
{
    public static OutboxRetryPolicy OutboxRetryPolicy(this ConfigurationService configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new OutboxRetryPolicy(configuration.TransactionMessageAttempts, configuration.TransactionMessageRetryInterval);
    }

    public static LocalAuthorizationListLimits LocalAuthorizationListLimits(this ConfigurationService configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new LocalAuthorizationListLimits(
            configuration.GetList(OcppConfigurationKeys.SupportedFeatureProfiles).Contains("LocalAuthListManagement", StringComparer.Ordinal),
            configuration.LocalAuthListEnabled,
            configuration.LocalAuthListMaxLength,
            configuration.SendLocalListMaxLength);
    }
}
