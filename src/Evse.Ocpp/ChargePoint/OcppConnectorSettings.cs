using Evse.Core.Charging;
using Evse.Ocpp.Configuration;

namespace Evse.Ocpp.ChargePoint;

/// <summary>
/// The connector settings that OCPP configuration keys own: ConnectionTimeOut and StopTransactionOnEVSideDisconnect.
/// With a Central System these keys win over the station options (Station:ConnectionTimeOutSeconds); the Plug and
/// Charge id stays the station's.
/// </summary>
/// <remarks>
/// UnlockConnectorOnEVSideDisconnect has no counterpart: the Core's state machine never locks or unlocks the socket
/// on plug-in / unplug (the LockSocket / UnlockSocket commands exist but no transition issues them), so there is no
/// hook to switch. The key is stored and reported; the socket behaviour follows the Core's (unlocked) until the Core
/// drives the lock.
/// </remarks>
public static class OcppConnectorSettings
{
    /// <summary>True when a change of <paramref name="key"/> changes the connector settings.</summary>
    public static bool Affects(string key) =>
        string.Equals(key, OcppConfigurationKeys.ConnectionTimeOut, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, OcppConfigurationKeys.StopTransactionOnEVSideDisconnect, StringComparison.OrdinalIgnoreCase);

    /// <summary><paramref name="current"/> with the OCPP-owned values of <paramref name="configuration"/>.</summary>
    public static ConnectorSettings Apply(ConnectorSettings current, ConfigurationService configuration)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(configuration);
        return current with
        {
            ConnectionTimeOut = configuration.ConnectionTimeOut,
            StopTransactionOnEVSideDisconnect = configuration.GetBoolean(OcppConfigurationKeys.StopTransactionOnEVSideDisconnect),
        };
    }
}
