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
/// <para>
/// The default load is fixed, so that runs compare across sessions and machines: <see cref="HttpPerSecond"/> status
/// requests a second from two portal clients, <see cref="FramesPerSecond"/> OCPP frames a second over one Central
/// System link, and <see cref="ChurnMiBPerSecond"/> MiB/s of allocation churn, each paced every 10 ms. A charger's
/// portal polls about once a second and its back office sends a few frames a minute, so this is hundreds of times
/// what it meets. <c>EVSE_BENCH_HTTP_RPS</c>, <c>EVSE_BENCH_FRAMES_PS</c> and <c>EVSE_BENCH_CHURN_MIBS</c> change the rates.
/// </para>
/// <para>
/// Until session 5 the clients ran flat out and the churn was 10× the allocation rate they caused, measured at start
/// (<c>EVSE_BENCH_LOAD=flat</c>, with <c>EVSE_BENCH_CHURN</c> the multiple). That tied the load to the daemon's own speed:
/// when session 5 turned tiered compilation off, the daemon served 3–4× more requests a second, the churn grew with it
/// to ≈ 800 MiB/s and the runs were no longer comparable with the ones before. The allocation rate of the clients alone
/// is still measured for the report (<see cref="CalibrationTime"/>).
/// </para>
/// <para>
/// The churn's objects look like the daemon's: 32 B to 8 KB (strings, JSON buffers, records), none on the large-object
/// heap (the daemon rents its big buffers), and a ring of 256 survivors so that some objects reach gen1.
/// </para>
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

    /// <summary><c>EVSE_BENCH_LOAD=flat</c>: the clients run flat out and the churn follows their allocation rate (to session 5).</summary>
    public static bool FlatOut { get; } = Environment.GetEnvironmentVariable("EVSE_BENCH_LOAD") == "flat";

    /// <summary>With <see cref="FlatOut"/>: the churn as a multiple of the clients' own allocation rate.</summary>
    public static int ChurnMultiple { get; } = Setting("EVSE_BENCH_CHURN", 10);

    public static int HttpPerSecond { get; } = Setting("EVSE_BENCH_HTTP_RPS", 1_000);

    public static int FramesPerSecond { get; } = Setting("EVSE_BENCH_FRAMES_PS", 1_000);

    public static int ChurnMiBPerSecond { get; } = Setting("EVSE_BENCH_CHURN_MIBS", 100);

    /// <summary>The load in words, for the report.</summary>
    public static string Description => FlatOut
        ? $"flat out (HTTP and OCPP clients with no think time, churn {ChurnMultiple}× their allocation rate)"
        : $"fixed: {HttpPerSecond:N0} HTTP requests/s, {FramesPerSecond:N0} OCPP frames/s, {ChurnMiBPerSecond:N0} MiB/s churn";

    /// <summary>The churn rate the run used, bytes per second.</summary>
    public double ChurnBytesPerSecond { get; private set; }

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
        // Two portal clients share the HTTP rate; 0 per second means flat out.
        var httpEach = FlatOut ? 0 : HttpPerSecond / 2.0;
        load._tasks.Add(Task.Run(() => load.HttpLoopAsync(address, httpEach)));
        load._tasks.Add(Task.Run(() => load.HttpLoopAsync(address, httpEach)));
        load._tasks.Add(Task.Run(() => load.OcppLoopAsync(address, FlatOut ? 0 : FramesPerSecond)));

        // Warm up (JIT, connection set-up), then measure the daemon's own allocation rate under the HTTP and OCPP load.
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);
        var (bytes0, http0, frames0, t0) = (GC.GetTotalAllocatedBytes(), load.HttpRequests, load.Frames, System.Diagnostics.Stopwatch.GetTimestamp());
        await Task.Delay(CalibrationTime, TimeProvider.System);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
        load.DaemonBytesPerSecond = (GC.GetTotalAllocatedBytes() - bytes0) / seconds;
        load.CalibrationRates = ((load.HttpRequests - http0) / seconds, (load.Frames - frames0) / seconds);
        load.ChurnBytesPerSecond = FlatOut ? load.DaemonBytesPerSecond * ChurnMultiple : ChurnMiBPerSecond * 1048576.0;
        if (load.ChurnBytesPerSecond > 0)
        {
            load._tasks.Add(Task.Run(() => load.AllocationLoopAsync(load.ChurnBytesPerSecond)));
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

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>
    /// Waits, when <paramref name="perSecond"/> is above 0, until the next of <paramref name="done"/> operations is due
    /// (in 10 ms ticks, catching up after a slow one); at 0 it returns at once (flat out).
    /// </summary>
    private async Task PaceAsync(double perSecond, long done, long start)
    {
        while (perSecond > 0 && done >= System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds * perSecond)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, _stop.Token);
        }
    }

    private async Task HttpLoopAsync(Uri address, double perSecond)
    {
        using var client = new HttpClient { BaseAddress = address };
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        long done = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await PaceAsync(perSecond, done++, start);
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

    private async Task OcppLoopAsync(Uri address, double perSecond)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        long done = 0;
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("ocpp1.6");
        await socket.ConnectAsync(new Uri($"ws://{address.Authority}/ocpp"), _stop.Token);
        var buffer = new byte[16 * 1024];
        var id = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await PaceAsync(perSecond, done++, start);
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
