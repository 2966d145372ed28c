namespace Evse.Ocpp.Transport;

/// <summary>WebSocket connection settings (section <c>Ocpp</c>).</summary>
public sealed class OcppWebSocketOptions
{
    /// <summary>The OCPP-J endpoint, <c>ws://</c> or <c>wss://</c>, without the charge point id.</summary>
    public Uri? CentralSystemUrl { get; set; }

    /// <summary>The charge point identity, appended percent-encoded to the URL and used as the Basic auth user.</summary>
    public string ChargePointId { get; set; } = string.Empty;

    /// <summary>
    /// The Basic auth password (OCPP security profiles 1 and 2, configuration key AuthorizationKey). Null or empty
    /// sends no Authorization header (unsecured, as many 1.6 back offices still run).
    /// </summary>
    public string? BasicAuthPassword { get; set; }

    /// <summary>
    /// The Basic auth password as bytes: the Security whitepaper's AuthorizationKey is hex-encoded binary, decoded
    /// here. When not empty it wins over <see cref="BasicAuthPassword"/>.
    /// </summary>
    public ReadOnlyMemory<byte> BasicAuthKey { get; set; }

    /// <summary>The Basic auth user; null or empty uses <see cref="ChargePointId"/> (OCPP-J and the Security whitepaper).</summary>
    public string? BasicAuthUser { get; set; }

    /// <summary>
    /// A PEM file with the CA certificate(s) the Central System's chain must end in, for wss. When null the
    /// operating system's trust store applies. Validation is never switched off.
    /// </summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>WebSocket ping interval (configuration key WebSocketPingInterval); zero disables pings.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the PONG of each ping before the connection counts as dead.</summary>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one connection attempt (TCP, TLS, HTTP upgrade) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first reconnect delay bound; it doubles after each failed attempt.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The largest reconnect delay bound, so a charger in a long outage still retries every few minutes.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A connection that lasted at least this long resets the reconnect backoff to its base.</summary>
    public TimeSpan StableConnectionTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a clean close on shutdown may take before the socket is just dropped.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Incoming messages larger than this are dropped (a GetConfiguration answer is a few kB; 1 MiB is ample).</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;
}
