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
/// <remarks>
/// The churn is sized from the daemon itself. At start the HTTP and OCPP clients run alone for
/// <see cref="CalibrationTime"/>, flat out (two portal clients and one Central System link with no think time: far
/// heavier than any installer or back office), and the process's allocation rate is measured. The churn then
/// allocates <see cref="ChurnMultiple"/> times that rate, paced every 10 ms, on top of the HTTP and OCPP load that
/// keeps running. Its objects look like the daemon's: 32 B to 8 KB (strings, JSON buffers, records), none on the
/// large-object heap (the daemon rents its big buffers), and a ring of 256 survivors so that some objects reach
/// gen1. Before this the churn was an unthrottled loop of 1–100 KB arrays (~2 GB/s, 15 % on the LOH): it measured
/// the GC's worst case, not the charger's. <c>EVSE_BENCH_CHURN</c> sets the multiple (0: no churn).
/// </remarks>
internal sealed class BackgroundLoad : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private long _httpRequests;
    private long _frames;
    private long _allocatedBytes;

    private BackgroundLoad(WebApplication app) => _app = app;

    public static TimeSpan CalibrationTime { get; } = TimeSpan.FromSeconds(3);

    public static int ChurnMultiple { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("EVSE_BENCH_CHURN"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 10;

    /// <summary>Bytes per second the process allocated while only the HTTP and OCPP clients ran (the daemon's own rate).</summary>
    public double DaemonBytesPerSecond { get; private set; }

    /// <summary>HTTP requests and OCPP frames served per second during the calibration.</summary>
    public (double Http, double Frames) CalibrationRates { get; private set; }

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

        // Warm up (JIT, connection set-up), then measure the daemon's own allocation rate under the HTTP and OCPP load.
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);
        var (bytes0, http0, frames0, t0) = (GC.GetTotalAllocatedBytes(), load.HttpRequests, load.Frames, System.Diagnostics.Stopwatch.GetTimestamp());
        await Task.Delay(CalibrationTime, TimeProvider.System);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
        load.DaemonBytesPerSecond = (GC.GetTotalAllocatedBytes() - bytes0) / seconds;
        load.CalibrationRates = ((load.HttpRequests - http0) / seconds, (load.Frames - frames0) / seconds);
        if (ChurnMultiple > 0)
        {
            var churnRate = load.DaemonBytesPerSecond * ChurnMultiple;
            load._tasks.Add(Task.Run(() => load.AllocationLoopAsync(churnRate)));
        }

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

    private async Task AllocationLoopAsync(double bytesPerSecond)
    {
        var keep = new object[256];
        var random = new Random(42);
        var i = 0;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        long allocated = 0;
        while (!_stop.IsCancellationRequested)
        {
            // Pace: catch up to the target rate, then yield the core for a tick.
            var due = (long)(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds * bytesPerSecond);
            while (allocated < due)
            {
                // Mostly small (strings, records), sometimes a JSON-sized buffer: 32 B–8 KB, skewed small.
                var size = random.Next(4) == 0 ? random.Next(1_024, 8_192) : random.Next(32, 512);
                keep[i++ & (keep.Length - 1)] = new byte[size];
                allocated += size;
            }

            Interlocked.Exchange(ref _allocatedBytes, allocated);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
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
