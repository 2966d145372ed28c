using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Tests.Transport;

/// <summary>A real Kestrel WebSocket server on 127.0.0.1 (a random port) playing the Central System.</summary>
internal sealed class TestCentralSystem : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestCentralSystem(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The Central System URL without the charge point id, e.g. ws://127.0.0.1:41234/ocpp.</summary>
    public Uri BaseUrl { get; }

    public ConcurrentQueue<UpgradeRequest> Requests { get; } = new();

    public ConcurrentQueue<string> Received { get; } = new();

    public ConcurrentQueue<WebSocketCloseStatus?> CloseStatuses { get; } = new();

    /// <summary>When false the server accepts the WebSocket without selecting a subprotocol.</summary>
    public bool SelectSubprotocol { get; set; } = true;

    /// <summary>Connections (1-based) that the server aborts, without a close handshake, on their first frame.</summary>
    public HashSet<int> AbortConnections { get; } = [];

    /// <summary>Frames the server sends as soon as a connection is accepted.</summary>
    public List<string> Greeting { get; } = [];

    /// <summary>Answers each received frame; null sends nothing.</summary>
    public Func<string, string?> Respond { get; set; } = DefaultRespond;

    public static async Task<TestCentralSystem> StartAsync(X509Certificate2? serverCertificate = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (serverCertificate is not null)
            {
                listen.UseHttps(serverCertificate);
            }
        }));
        var app = builder.Build();
        app.UseWebSockets();
        TestCentralSystem? system = null;
        app.Map("/ocpp/{id}", (HttpContext context) => system!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var port = new Uri(address).Port;
        var scheme = serverCertificate is null ? "ws" : "wss";
        var host = serverCertificate is null ? "127.0.0.1" : "localhost";
        system = new TestCentralSystem(app, new Uri($"{scheme}://{host}:{port}/ocpp"));
        return system;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string? DefaultRespond(string frame)
    {
        // A minimal Central System: confirm every Heartbeat CALL.
        if (frame.StartsWith("[2,", StringComparison.Ordinal) && frame.Contains("\"Heartbeat\"", StringComparison.Ordinal))
        {
            var id = frame.Split('"')[1];
            return $"[3,\"{id}\",{{\"currentTime\":\"2026-01-05T08:00:00Z\"}}]";
        }

        return null;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Requests.Enqueue(new UpgradeRequest(
            context.Request.Path.ToUriComponent(),
            context.Request.Headers.Authorization.ToString(),
            [.. context.WebSockets.WebSocketRequestedProtocols]));
        var number = Requests.Count;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = SelectSubprotocol ? "ocpp1.6" : null,
        });
        var buffer = new byte[64 * 1024];
        try
        {
            foreach (var frame in Greeting)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, context.RequestAborted);
            }

            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseStatuses.Enqueue(result.CloseStatus);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                if (AbortConnections.Contains(number))
                {
                    socket.Abort();
                    return;
                }

                var frame = Encoding.UTF8.GetString(buffer, 0, result.Count);
                Received.Enqueue(frame);
                if (Respond(frame) is { } answer)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(answer), WebSocketMessageType.Text, true, context.RequestAborted);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away; the test decides whether that was expected.
        }
    }

    public sealed record UpgradeRequest(string Path, string Authorization, IReadOnlyList<string> Subprotocols);
}
