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

    /// <summary>
    /// Writes the read-only keys the hardware decides, at every start (origin Station): NumberOfConnectors, and
    /// ConnectorPhaseRotationMaxLength = connectors + 1 so that "0.RST,1.RST,2.RST" fits (connector 0 is the supply).
    /// </summary>
    public static void ApplyStationLayout(this ConfigurationService configuration, int connectorCount)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentOutOfRangeException.ThrowIfLessThan(connectorCount, 1);
        var count = connectorCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rotations = (connectorCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration.TryChange(OcppConfigurationKeys.NumberOfConnectors, count, ConfigurationChangeOrigin.Station);
        configuration.TryChange(OcppConfigurationKeys.ConnectorPhaseRotationMaxLength, rotations, ConfigurationChangeOrigin.Station);
    }
}
