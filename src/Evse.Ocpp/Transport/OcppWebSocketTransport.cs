using System.Buffers;
using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Evse.Ocpp.Rpc;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Transport;

/// <summary>
/// The OCPP-J WebSocket client: subprotocol <c>ocpp1.6</c> (a server that does not select it is treated as a failed
/// connection attempt), ws or wss with an optional private CA, Basic auth, WebSocket pings, reconnect with exponential
/// backoff and full jitter, and a clean close on shutdown.
/// </summary>
public sealed class OcppWebSocketTransport : IOcppTransport, IDisposable
{
    /// <summary>The subprotocol OCPP-J 1.6 requires.</summary>
    public const string Subprotocol = "ocpp1.6";

    private readonly OcppWebSocketOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReconnectBackoff _backoff;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly X509Certificate2Collection? _trustedRoots;
    private readonly Uri _url;
    private ClientWebSocket? _socket;
    private TimeSpan _lastDelay;
    private byte[]? _password;
    private readonly Lock _reconnectGate = new();
    private ITimer? _reconnectTimer;
    private string? _reconnectReason;
    private long _pingIntervalTicks;

    /// <summary>Creates the client; nothing connects until <see cref="RunAsync"/>.</summary>
    public OcppWebSocketTransport(OcppWebSocketOptions options, TimeProvider time, Random random, ILogger<OcppWebSocketTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _backoff = new ReconnectBackoff(options.ReconnectBaseDelay, options.ReconnectMaxDelay, random);
        _password = !options.BasicAuthKey.IsEmpty ? options.BasicAuthKey.ToArray()
            : string.IsNullOrEmpty(options.BasicAuthPassword) ? null : Encoding.UTF8.GetBytes(options.BasicAuthPassword);
        _pingIntervalTicks = options.PingInterval.Ticks;
        _url = CentralSystemUrl.Build(options.CentralSystemUrl ?? throw new ArgumentException("CentralSystemUrl is required.", nameof(options)), options.ChargePointId);
        if (!string.IsNullOrEmpty(options.TrustedCaFile))
        {
            _trustedRoots = [];
            _trustedRoots.ImportFromPemFile(options.TrustedCaFile);
            if (_trustedRoots.Count == 0)
            {
                throw new ArgumentException($"No certificate in {options.TrustedCaFile}.", nameof(options));
            }
        }
    }

    /// <summary>The URL this transport connects to.</summary>
    public Uri Url => _url;

    /// <inheritdoc/>
    public bool IsConnected => Volatile.Read(ref _socket)?.State == WebSocketState.Open;

    /// <inheritdoc/>
    public async Task RunAsync(IOcppTransportListener listener, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(listener);
        while (!stoppingToken.IsCancellationRequested)
        {
            using var socket = CreateSocket();
            var connected = false;
            try
            {
                connected = await ConnectAsync(socket, stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Shutdown during a handshake ends in whatever the handshake was doing (cancel, TLS refusal, reset): all mean "stopped".
            catch (Exception) when (stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                return;
            }

            if (connected)
            {
                var connectedAt = _time.GetTimestamp();
                Volatile.Write(ref _socket, socket);
                // Cancelling a pending receive would abort the socket, so shutdown starts the close handshake instead
                // and the receive loop ends when the server's close frame arrives (or the socket is aborted after CloseTimeout).
                using var abortTimer = _time.CreateTimer(static state => ((ClientWebSocket)state!).Abort(), socket, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                using var onStop = stoppingToken.Register(() =>
                {
                    abortTimer.Change(_options.CloseTimeout, Timeout.InfiniteTimeSpan);
                    _ = SendCloseAsync(socket);
                });
                try
                {
                    await listener.OnConnectedAsync(stoppingToken).ConfigureAwait(false);
                    await ReceiveLoopAsync(socket, listener, stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    Volatile.Write(ref _socket, null);
                    await CloseAsync(socket).ConfigureAwait(false);
                    await listener.OnDisconnectedAsync(CancellationToken.None).ConfigureAwait(false);
                }

                if (stoppingToken.IsCancellationRequested)
                {
                    OcppWireLog.Closed(_logger, _url);
                    return;
                }

                // Only a connection that stayed up resets the backoff: a server that accepts and drops at once
                // (e.g. because it does not know our id) must not be hammered in a tight loop.
                if (_time.GetElapsedTime(connectedAt) >= _options.StableConnectionTime)
                {
                    _backoff.Reset();
                }

                _lastDelay = _backoff.NextDelay();
            }

            try
            {
                await Task.Delay(_lastDelay, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The WebSocket ping interval the next connection uses.</summary>
    public TimeSpan PingInterval => TimeSpan.FromTicks(Interlocked.Read(ref _pingIntervalTicks));

    /// <summary>How long a requested reconnect waits for <see cref="ReconnectNowIfRequested"/> before it happens anyway.</summary>
    public static readonly TimeSpan ReconnectGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A new Basic auth password (empty: none). The open connection is renewed with it (Security whitepaper; the OCPP
    /// compliance test for a new AuthorizationKey expects ChangeConfiguration.conf, then the reconnect).
    /// </summary>
    public void ChangeBasicAuthPassword(ReadOnlySpan<byte> password)
    {
        Volatile.Write(ref _password, password.IsEmpty ? null : password.ToArray());
        RequestReconnect("new Basic auth password");
    }

    /// <summary>A new WebSocket ping interval; a .NET socket keeps its interval, so the open connection is renewed.</summary>
    public void ChangePingInterval(TimeSpan interval)
    {
        if (Interlocked.Exchange(ref _pingIntervalTicks, interval.Ticks) != interval.Ticks)
        {
            RequestReconnect("new WebSocket ping interval");
        }
    }

    /// <summary>
    /// Renews the connection once the answer to the CALL that asked for it is out (<see cref="ReconnectNowIfRequested"/>,
    /// called when an incoming CALL has been answered), or after <see cref="ReconnectGrace"/> for a change that came
    /// from elsewhere (the portal).
    /// </summary>
    public void RequestReconnect(string reason)
    {
        lock (_reconnectGate)
        {
            _reconnectReason = reason;
            _reconnectTimer ??= _time.CreateTimer(static state => ((OcppWebSocketTransport)state!).ReconnectNowIfRequested(), this, ReconnectGrace, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Carries out a reconnect <see cref="RequestReconnect"/> asked for; nothing when none is pending.</summary>
    public void ReconnectNowIfRequested()
    {
        string? reason;
        ITimer? timer;
        lock (_reconnectGate)
        {
            reason = _reconnectReason;
            timer = _reconnectTimer;
            _reconnectReason = null;
            _reconnectTimer = null;
        }

        timer?.Dispose();
        if (reason is not null)
        {
            Reconnect(reason);
        }
    }

    /// <summary>Closes the open connection normally; the run loop then reconnects after the short base backoff.</summary>
    public void Reconnect(string reason)
    {
        if (Volatile.Read(ref _socket) is { State: WebSocketState.Open } socket)
        {
            OcppWireLog.Reconnecting(_logger, _url, reason);
            _ = SendCloseAsync(socket, reason);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> TrySendAsync(string frame, CancellationToken cancellationToken)
    {
        var socket = Volatile.Read(ref _socket);
        if (socket is null || socket.State != WebSocketState.Open)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(frame);
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A send on a connection the peer reset ends in OperationCanceledException (an IOException inside): the link
            // failed, the caller was not cancelled. Before this it escaped to the charge point's event loop and stopped it.
            return false;
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_reconnectGate)
        {
            _reconnectTimer?.Dispose();
            _reconnectTimer = null;
        }

        _sendGate.Dispose();
        foreach (var root in _trustedRoots ?? [])
        {
            root.Dispose();
        }
    }

    private ClientWebSocket CreateSocket()
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(Subprotocol);
        // With KeepAliveTimeout set, .NET sends real PING frames (not unsolicited PONGs) and aborts when no PONG
        // comes back: that is how a half-open TCP link behind a cellular NAT gets noticed and reconnected.
        var pingInterval = PingInterval;
        socket.Options.KeepAliveInterval = pingInterval;
        if (pingInterval > TimeSpan.Zero)
        {
            socket.Options.KeepAliveTimeout = _options.PongTimeout;
        }

        if (Volatile.Read(ref _password) is { } password)
        {
            var user = string.IsNullOrEmpty(_options.BasicAuthUser) ? _options.ChargePointId : _options.BasicAuthUser;
            socket.Options.SetRequestHeader("Authorization", CentralSystemUrl.BasicAuthorization(user, password));
        }

        if (_trustedRoots is not null)
        {
            socket.Options.RemoteCertificateValidationCallback = ValidateAgainstTrustedRoots;
        }

        return socket;
    }

    private async Task<bool> ConnectAsync(ClientWebSocket socket, CancellationToken stoppingToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var link = timeout.Token.Register(attempt.Cancel);
        try
        {
            await socket.ConnectAsync(_url, attempt.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever a server or the network does during the handshake, the answer is: back off and retry.
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            _lastDelay = _backoff.NextDelay();
            OcppWireLog.ConnectFailed(_logger, ex, _url, _lastDelay);
            return false;
        }

        if (!string.Equals(socket.SubProtocol, Subprotocol, StringComparison.Ordinal))
        {
            _lastDelay = _backoff.NextDelay();
            OcppWireLog.SubprotocolRefused(_logger, _url, socket.SubProtocol ?? string.Empty, _lastDelay);
            await CloseAsync(socket, WebSocketCloseStatus.ProtocolError, "ocpp1.6 required").ConfigureAwait(false);
            return false;
        }

        OcppWireLog.Connected(_logger, _url, Subprotocol);
        return true;
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket, IOcppTransportListener listener, CancellationToken stoppingToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                message.ResetWrittenCount();
                var tooLarge = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        if (!stoppingToken.IsCancellationRequested)
                        {
                            OcppWireLog.ConnectionLost(_logger, null, _url);
                        }

                        return;
                    }

                    if (message.WrittenCount + result.Count > _options.MaxMessageBytes)
                    {
                        tooLarge = true;
                    }
                    else
                    {
                        message.Write(buffer.AsSpan(0, result.Count));
                    }
                }
                while (!result.EndOfMessage);

                if (tooLarge)
                {
                    OcppWireLog.MessageTooLarge(_logger, _options.MaxMessageBytes);
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    // OCPP-J frames are text; invalid UTF-8 becomes U+FFFD and then fails JSON parsing, which the dispatcher answers.
                    await listener.OnMessageAsync(Encoding.UTF8.GetString(message.WrittenSpan), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown while the listener was busy: the caller closes the socket.
        }
#pragma warning disable CA1031 // A broken link, whatever the exception, means: report the disconnect and reconnect.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                OcppWireLog.ConnectionLost(_logger, ex, _url);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendCloseAsync(ClientWebSocket socket, string description = "charge point shutting down")
    {
        using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
        try
        {
            await _sendGate.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, description, timeout.Token).ConfigureAwait(false);
            }
            finally
            {
                _sendGate.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    private Task CloseAsync(ClientWebSocket socket) => CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "closing");

    private async Task CloseAsync(ClientWebSocket socket, WebSocketCloseStatus status, string description)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
        try
        {
            await socket.CloseAsync(status, description, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    private bool ValidateAgainstTrustedRoots(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            OcppWireLog.CertificateRefused(_logger, _url, "no certificate");
            return false;
        }

        // The host name must still match; only the trust anchor is ours instead of the system store.
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            OcppWireLog.CertificateRefused(_logger, _url, errors.ToString());
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trustedRoots!);
        // Private Central System CAs rarely publish a CRL a charger on a cellular link could reach.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        if (custom.Build(leaf))
        {
            return true;
        }

        OcppWireLog.CertificateRefused(_logger, _url, string.Join("; ", custom.ChainStatus.Select(s => s.StatusInformation.Trim())));
        return false;
    }
}
