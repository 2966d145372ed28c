using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Evse.Testing.Ocpp;

/// <summary>
/// A scripted OCPP 1.6J Central System on a real Kestrel WebSocket at 127.0.0.1 (random port, subprotocol ocpp1.6).
/// It records every frame in both directions, answers CALLs from <see cref="Script"/> (sensible Core-profile
/// defaults otherwise), can send its own CALLs, and can go down (refuse and drop connections) and come back.
/// </summary>
/// <remarks>
/// Like a real back office it recognises a replayed StartTransaction (byte-identical payload, sent again after a
/// crash between its answer and the charge point storing it) and answers it with the same transactionId.
/// </remarks>
public sealed class LoopbackCentralSystem : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<CentralSystemFrame> _frames = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CentralSystemFrame>> _pendingCalls = new();
    private readonly Dictionary<string, int> _startIds = [];
    private WebSocket? _socket;
    private HttpContext? _socketContext;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private int _nextTransactionId;
    private int _nextCallId;
    private volatile bool _online = true;
    private int _connections;

    private LoopbackCentralSystem(WebApplication app)
    {
        _app = app;
    }

    /// <summary>
    /// How long a slow back office takes to answer a CALL of this action (null or zero: at once). The receive loop
    /// waits meanwhile, and an answer whose connection is gone by then is dropped, as on a real network.
    /// </summary>
    public Func<string, TimeSpan>? AnswerDelay { get; set; }

    /// <summary>The URL to configure as Ocpp:CentralSystemUrl, e.g. ws://127.0.0.1:41234/ocpp.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Answers a CALL (action, payload); null falls back to the defaults of <see cref="DefaultAnswer"/>.</summary>
    public Func<string, JsonObject, CentralSystemAnswer?>? Script { get; set; }

    /// <summary>The Central System's clock, written into currentTime.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>When false, frames are neither recorded nor answered (for a throughput run).</summary>
    public bool Record { get; set; } = true;

    /// <summary>The strict peer check every frame goes through; the test fixture asserts it found nothing.</summary>
    public StrictFrameChecker Checker { get; } = new();

    /// <summary>
    /// Whether every frame goes through <see cref="Checker"/> (the default). The backlog benchmark turns it off: the
    /// check parses and schema-validates each frame on the receive loop, which would be timed as the round trip.
    /// </summary>
    public bool CheckFrames { get; set; } = true;

    /// <summary>Number of WebSocket connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The request path of the latest connection, e.g. /ocpp/CP-1.</summary>
    public string ConnectedPath { get; private set; } = string.Empty;

    /// <summary>The Authorization header of the latest connection; empty when it sent none.</summary>
    public string ConnectedAuthorization { get; private set; } = string.Empty;

    public bool IsConnected => Volatile.Read(ref _socket) is { State: WebSocketState.Open };

    /// <summary>First transactionId handed out minus one.</summary>
    public int TransactionIdBase { get; set; } = 100;

    public static async Task<LoopbackCentralSystem> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        var system = new LoopbackCentralSystem(app);
        app.Map("/ocpp/{id}", system.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        system.BaseUrl = new Uri($"ws://127.0.0.1:{new Uri(address).Port}/ocpp");
        return system;
    }

    /// <summary>Every frame so far, in wire order.</summary>
    public IReadOnlyList<CentralSystemFrame> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _frames];
            }
        }
    }

    /// <summary>The CALLs the charge point sent, in order.</summary>
    public IReadOnlyList<CentralSystemFrame> Calls(string? action = null) =>
        [.. Frames.Where(f => f.FromChargePoint && f.MessageType == 2 && (action is null || f.Action == action))];

    /// <summary>Payloads of the charge point's CALLs of one action, compact JSON, in order.</summary>
    public IReadOnlyList<string> Payloads(string action) => [.. Calls(action).Select(f => f.PayloadJson)];

    public void ClearFrames()
    {
        lock (_gate)
        {
            _frames.Clear();
        }
    }

    /// <summary>
    /// Down: aborts the current connection (no close handshake, like a pulled cable), refuses new ones with 503,
    /// and ignores any frame still arriving. Up: accepts again.
    /// </summary>
    public void SetOnline(bool online)
    {
        _online = online;
        if (!online)
        {
            Volatile.Read(ref _socket)?.Abort();
            try
            {
                Volatile.Read(ref _socketContext)?.Abort();
            }
            catch (ObjectDisposedException)
            {
                // That request already ended.
            }
        }
    }

    /// <summary>Sends a CALL to the connected charge point and waits (real time, bounded) for its answer frame.</summary>
    public async Task<CentralSystemFrame> CallAsync(string action, string payloadJson, double timeoutSeconds = 10)
    {
        var id = "cs-" + Interlocked.Increment(ref _nextCallId).ToString(CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<CentralSystemFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingCalls[id] = answer;
        await SendAsync($"[2,\"{id}\",\"{action}\",{payloadJson}]").ConfigureAwait(false);
        try
        {
            return await answer.Task.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds), TimeProvider.System).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(
                $"No answer to our {action} ({id}) within {timeoutSeconds} s; connections {Connections}, connected {IsConnected}. Frames:\n"
                + string.Join("\n", Frames.Select(f => (f.FromChargePoint ? "CP> " : "CS> ") + f.Text)),
                ex);
        }
    }

    /// <summary>Waits (real time, bounded) until the recorded frames satisfy <paramref name="condition"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<CentralSystemFrame>, bool> condition, string what, double timeoutSeconds = 10)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(timeoutSeconds * TimeProvider.System.TimestampFrequency);
        while (!condition(Frames))
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The Central System gave up after {timeoutSeconds} s waiting for {what}. Frames:\n"
                    + string.Join("\n", Frames.Select(f => (f.FromChargePoint ? "CP> " : "CS> ") + f.Text)));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System).ConfigureAwait(false);
        }
    }

    /// <summary>The Core-profile answers a permissive back office gives.</summary>
    public CentralSystemAnswer DefaultAnswer(string action, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var now = Format(Clock());
        switch (action)
        {
            case "BootNotification":
                return CentralSystemAnswer.Result($"{{\"currentTime\":\"{now}\",\"interval\":300,\"status\":\"Accepted\"}}");
            case "Heartbeat":
                return CentralSystemAnswer.Result($"{{\"currentTime\":\"{now}\"}}");
            case "Authorize":
                return CentralSystemAnswer.Result("{\"idTagInfo\":{\"status\":\"Accepted\"}}");
            case "StartTransaction":
                int transactionId;
                lock (_gate)
                {
                    var key = payload.ToJsonString();
                    if (!_startIds.TryGetValue(key, out transactionId))
                    {
                        transactionId = TransactionIdBase + ++_nextTransactionId;
                        _startIds[key] = transactionId;
                    }
                }

                return CentralSystemAnswer.Result($"{{\"idTagInfo\":{{\"status\":\"Accepted\"}},\"transactionId\":{transactionId}}}");
            case "DataTransfer":
                return CentralSystemAnswer.Result("{\"status\":\"Accepted\"}");
            default:
                return CentralSystemAnswer.Result("{}");
        }
    }

    public static string Format(DateTimeOffset at) =>
        at.ToUniversalTime().ToString(at.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        SetOnline(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _sendGate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || !_online)
        {
            context.Response.StatusCode = _online ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = "ocpp1.6" }).ConfigureAwait(false);
        ConnectedPath = context.Request.Path.ToUriComponent();
        ConnectedAuthorization = context.Request.Headers.Authorization.ToString();
        Volatile.Write(ref _socketContext, context);
        if (CheckFrames)
        {
            Checker.OnConnected();
        }

        Volatile.Write(ref _socket, socket);
        // Counted only once it is the socket CallAsync uses: a test that waits for "connection n, connected" and then
        // calls must reach this socket, not the previous one, which is still Open until its close frame is read.
        Interlocked.Increment(ref _connections);
        var buffer = new byte[256 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open && _online)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), context.RequestAborted).ConfigureAwait(false);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                    return;
                }

                if (!_online)
                {
                    return;
                }

                await OnFrameAsync(Encoding.UTF8.GetString(buffer, 0, count), socket).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The charge point went away, or the test took the Central System down.
        }
        finally
        {
            Interlocked.CompareExchange(ref _socket, null, socket);
            Interlocked.CompareExchange(ref _socketContext, null, context);
        }
    }

    private async Task OnFrameAsync(string text, WebSocket socket)
    {
        if (CheckFrames)
        {
            Checker.OnChargePointFrame(text);
        }

        if (!Record)
        {
            await AnswerAsync(new CentralSystemFrame(true, text), socket).ConfigureAwait(false);
            return;
        }

        var frame = new CentralSystemFrame(true, text);
        lock (_gate)
        {
            _frames.Add(frame);
        }

        if (frame.MessageType is 3 or 4)
        {
            if (_pendingCalls.TryRemove(frame.MessageId, out var waiter))
            {
                waiter.TrySetResult(frame);
            }

            return;
        }

        await AnswerAsync(frame, socket).ConfigureAwait(false);
    }

    private async Task AnswerAsync(CentralSystemFrame frame, WebSocket socket)
    {
        var action = frame.Action!;
        var answer = Script?.Invoke(action, frame.Payload) ?? DefaultAnswer(action, frame.Payload);
        if (AnswerDelay?.Invoke(action) is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, TimeProvider.System).ConfigureAwait(false);
            if (!ReferenceEquals(Volatile.Read(ref _socket), socket))
            {
                // The charge point that asked is gone; a later connection must not get its answer.
                return;
            }
        }

        if (answer.ResultJson is { } result)
        {
            await SendAsync($"[3,\"{frame.MessageId}\",{result}]").ConfigureAwait(false);
        }
        else if (answer.ErrorCode is { } code)
        {
            await SendAsync($"[4,\"{frame.MessageId}\",\"{code}\",\"scripted\",{{}}]").ConfigureAwait(false);
        }
        else if (CheckFrames)
        {
            Checker.OnUnanswered(frame.MessageId);
        }
    }

    private async Task SendAsync(string text)
    {
        var socket = Volatile.Read(ref _socket) ?? throw new InvalidOperationException("No charge point is connected.");
        if (CheckFrames)
        {
            Checker.OnCentralSystemFrame(text);
        }

        if (Record)
        {
            lock (_gate)
            {
                _frames.Add(new CentralSystemFrame(false, text));
            }
        }

        await _sendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Lost with the connection, as on a real network.
        }
        finally
        {
            _sendGate.Release();
        }
    }
}
