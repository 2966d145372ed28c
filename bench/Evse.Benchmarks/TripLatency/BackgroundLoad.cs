using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Evse.Core.Control;
using Evse.Core.Station;
using Evse.Portal.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Evse.Benchmarks.TripLatency;

/// <summary>
/// What else a charger does while a trip must be handled: HTTP status requests against Kestrel, OCPP-style
/// JSON frames over a loopback WebSocket, and allocation churn that keeps the GC busy. All on 127.0.0.1,
/// bounded by the benchmark's cancellation.
/// </summary>
internal sealed class BackgroundLoad : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private long _httpRequests;
    private long _frames;
    private long _allocatedBytes;

    private BackgroundLoad(WebApplication app) => _app = app;

    public long HttpRequests => Interlocked.Read(ref _httpRequests);

    public long Frames => Interlocked.Read(ref _frames);

    public long AllocatedBytes => Interlocked.Read(ref _allocatedBytes);

    public static async Task<BackgroundLoad> StartAsync(IStationView station, StationIdentity identity, TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(station);
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(time);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapStatusApi();
        app.Map("/ocpp", EchoOcppAsync);
        await app.StartAsync();
        var load = new BackgroundLoad(app);
        var address = new Uri(app.Urls.First());
        load._tasks.Add(Task.Run(() => load.HttpLoopAsync(address)));
        load._tasks.Add(Task.Run(() => load.HttpLoopAsync(address)));
        load._tasks.Add(Task.Run(() => load.OcppLoopAsync(address)));
        load._tasks.Add(Task.Run(load.AllocationLoop));
        return load;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_tasks);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _stop.Dispose();
    }

    private async Task HttpLoopAsync(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address };
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/api/status", UriKind.Relative), _stop.Token);
                await response.Content.ReadAsByteArrayAsync(_stop.Token);
                Interlocked.Increment(ref _httpRequests);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task OcppLoopAsync(Uri address)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("ocpp1.6");
        await socket.ConnectAsync(new Uri($"ws://{address.Authority}/ocpp"), _stop.Token);
        var buffer = new byte[16 * 1024];
        var id = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var frame = JsonSerializer.Serialize(new object[]
                {
                    2, (++id).ToString(System.Globalization.CultureInfo.InvariantCulture), "MeterValues",
                    new { connectorId = 1, transactionId = 7, meterValue = new[] { new { timestamp = DateTimeOffset.UnixEpoch, sampledValue = new[] { new { value = "1234.5", measurand = "Energy.Active.Import.Register", unit = "Wh" } } } } },
                });
                await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, _stop.Token);
                var result = await socket.ReceiveAsync(buffer, _stop.Token);
                using var reply = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
                Interlocked.Increment(ref _frames);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void AllocationLoop()
    {
        var keep = new byte[64][];
        var random = new Random(42);
        var i = 0;
        while (!_stop.IsCancellationRequested)
        {
            var size = random.Next(1_000, 100_000);
            keep[i++ % keep.Length] = new byte[size];
            Interlocked.Add(ref _allocatedBytes, size);
            if (i % 256 == 0)
            {
                Thread.Yield();
            }
        }
    }

    private static async Task EchoOcppAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync("ocpp1.6");
        var buffer = new byte[16 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer, context.RequestAborted);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                return;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            using var call = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
            var reply = JsonSerializer.SerializeToUtf8Bytes(new object[] { 3, call.RootElement[1].GetString()!, new { } });
            await socket.SendAsync(reply, WebSocketMessageType.Text, true, context.RequestAborted);
        }
    }
}
