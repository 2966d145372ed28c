using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Evse.Ocpp.Tests.Transport;

/// <summary>
/// A bare TCP Central System on 127.0.0.1 that completes one WebSocket handshake (subprotocol ocpp1.6), then never
/// reads, so the client's sends back up into the TCP buffers, and on <see cref="ResetAsync"/> closes with linger 0: the
/// kernel sends an RST, which is what a Central System that crashes or a NAT box that forgets the flow looks like.
/// Kestrel cannot do this (it closes gracefully), hence a raw socket.
/// </summary>
internal sealed class ResettingCentralSystem : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource<Socket> _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ResettingCentralSystem()
    {
        _listener.Server.ReceiveBufferSize = 4096;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>The Central System URL without the charge point id.</summary>
    public Uri BaseUrl => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/ocpp");

    public static ResettingCentralSystem Start() => new();

    /// <summary>Resets the accepted connection (RST, no close frame, no FIN).</summary>
    public async Task ResetAsync()
    {
        var socket = await _accepted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Dispose();
        if (_accepted.Task.IsCompletedSuccessfully)
        {
            _accepted.Task.Result.Dispose();
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            var socket = await _listener.AcceptSocketAsync();
            var request = new StringBuilder();
            var buffer = new byte[1];
            while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                // One byte at a time so nothing after the handshake is consumed: every later byte stays unread.
                if (await socket.ReceiveAsync(buffer, SocketFlags.None) == 0)
                {
                    return;
                }

                request.Append((char)buffer[0]);
            }

            var key = request.ToString().Split("\r\n")
                .Single(line => line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))["Sec-WebSocket-Key:".Length..].Trim();
            // RFC 6455 §4.2.2: the accept value is base64(SHA-1(key + the fixed GUID)); the protocol fixes SHA-1.
#pragma warning disable CA5350
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
            var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None);
            _accepted.TrySetResult(socket);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _accepted.TrySetException(ex);
        }
    }
}
