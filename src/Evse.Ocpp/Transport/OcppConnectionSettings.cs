using System.Globalization;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Rpc;
using K = Evse.Ocpp.Configuration.OcppConfigurationKeys;

namespace Evse.Ocpp.Transport;

/// <summary>
/// Where the connection settings come from: the OCPP configuration keys a Central System or the portal set
/// (CentralSystemUrl, ChargePointId, BasicAuthId, AuthorizationKey, MessageTransportLayer, WebSocketPingInterval),
/// falling back to the installation's appsettings (section Ocpp) for the URL and the identity.
/// </summary>
/// <remarks>
/// URL, identity, Basic auth user and transport layer are read at start-up (the keys answer RebootRequired);
/// AuthorizationKey, WebSocketPingInterval and PduTimeout take effect at once (<see cref="FollowChanges"/>).
/// </remarks>
public static class OcppConnectionSettings
{
    /// <summary>Shortest AuthorizationKey in bytes (Security whitepaper: at least 16 bytes).</summary>
    public const int MinAuthorizationKeyBytes = 16;

    /// <summary>Longest AuthorizationKey in bytes (Security whitepaper: at most 20 bytes, 40 hexadecimal digits).</summary>
    public const int MaxAuthorizationKeyBytes = 20;

    /// <summary>The transport options for this start.</summary>
    /// <param name="configuration">The OCPP configuration keys.</param>
    /// <param name="installedUrl">Ocpp:CentralSystemUrl from appsettings, used when the key CentralSystemUrl is empty.</param>
    /// <param name="installedChargePointId">Ocpp:ChargePointId from appsettings, used when the key ChargePointId is empty.</param>
    public static OcppWebSocketOptions Resolve(ConfigurationService configuration, Uri installedUrl, string installedChargePointId)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(installedUrl);
        var urlText = configuration.GetValue(K.CentralSystemUrl);
        var url = urlText.Length > 0 ? new Uri(urlText) : installedUrl;
        if (url.Scheme == "ws" && string.Equals(configuration.GetValue(K.MessageTransportLayer), "WSS", StringComparison.Ordinal))
        {
            // WSS asks for TLS whatever scheme the URL was typed with; WS never downgrades a wss:// URL.
            url = new UriBuilder(url) { Scheme = "wss", Port = url.IsDefaultPort ? -1 : url.Port }.Uri;
        }

        var chargePointId = configuration.GetValue(K.ChargePointId);
        TryDecodeAuthorizationKey(configuration.GetValue(K.AuthorizationKey), out var key);
        var user = configuration.GetValue(K.BasicAuthId);
        return new OcppWebSocketOptions
        {
            CentralSystemUrl = url,
            ChargePointId = chargePointId.Length > 0 ? chargePointId : installedChargePointId,
            BasicAuthUser = user.Length > 0 ? user : null,
            BasicAuthKey = key,
            PingInterval = configuration.WebSocketPingInterval,
        };
    }

    /// <summary>
    /// Applies the keys that take effect without a restart: a new AuthorizationKey or WebSocketPingInterval renews
    /// the connection, a new PduTimeout applies to the next CALL. Subscribe once, for the life of the daemon.
    /// </summary>
    /// <param name="configuration">The OCPP configuration keys.</param>
    /// <param name="transport">The connection to renew.</param>
    /// <param name="rpcOptions">The dispatcher's options (CallTimeout is read at every CALL).</param>
    /// <param name="dispatcher">When given, a renewal asked for by a ChangeConfiguration happens as soon as its answer is out.</param>
    public static void FollowChanges(ConfigurationService configuration, OcppWebSocketTransport transport, OcppRpcOptions rpcOptions, OcppRpcDispatcher? dispatcher = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(rpcOptions);
        rpcOptions.CallTimeout = configuration.PduTimeout;
        if (dispatcher is not null)
        {
            dispatcher.IncomingCallAnswered += (_, _) => transport.ReconnectNowIfRequested();
        }

        configuration.Changed += (_, change) =>
        {
            switch (change.Key)
            {
                case K.AuthorizationKey:
                    TryDecodeAuthorizationKey(change.NewValue, out var key);
                    transport.ChangeBasicAuthPassword(key);
                    break;
                case K.WebSocketPingInterval:
                    transport.ChangePingInterval(configuration.WebSocketPingInterval);
                    break;
                case K.PduTimeout:
                    rpcOptions.CallTimeout = configuration.PduTimeout;
                    break;
            }
        };
    }

    /// <summary>
    /// The Security whitepaper's AuthorizationKey: 16 to 20 bytes written as hexadecimal digits (32 to 40). Empty
    /// means no Basic auth and decodes to no bytes.
    /// </summary>
    public static bool TryDecodeAuthorizationKey(string hex, out byte[] key)
    {
        ArgumentNullException.ThrowIfNull(hex);
        key = [];
        if (hex.Length == 0)
        {
            return true;
        }

        if (hex.Length % 2 != 0 || hex.Length < 2 * MinAuthorizationKeyBytes || hex.Length > 2 * MaxAuthorizationKeyBytes
            || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        key = Convert.FromHexString(hex);
        return true;
    }

    /// <summary>The catalogue's check of an AuthorizationKey value; null when valid.</summary>
    internal static string? CheckAuthorizationKey(string value) =>
        TryDecodeAuthorizationKey(value, out _)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"must be {2 * MinAuthorizationKeyBytes} to {2 * MaxAuthorizationKeyBytes} hexadecimal digits ({MinAuthorizationKeyBytes} to {MaxAuthorizationKeyBytes} bytes), or empty for no Basic auth.");
}
