using System.Text.Json.Nodes;
using Evse.Core.Station;
using Evse.Ocpp.Authorization;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Firmware;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Outbox;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.Tests.ChargePoint;
using Evse.Ocpp.Tests.Configuration;
using Evse.Ocpp.Transport;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Ocpp.Tests.Firmware;

/// <summary>
/// The charge point with the FirmwareManagement profile on a loopback transport and a fake clock, with fake transfer,
/// installer and collector; the test plays the Central System.
/// </summary>
internal sealed class FirmwareHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _runs = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("evse-fw-").FullName;
    private int _csIds;

    public FirmwareHarness(Action<InMemorySettingsStore>? seed = null, FakeFirmwareInstaller? installer = null)
    {
        seed?.Invoke(Settings);
        Installer = installer ?? new FakeFirmwareInstaller();
        Configuration = new ConfigurationService(Settings, NullLogger<ConfigurationService>.Instance);
        var registry = new OcppHandlerRegistry();
        Dispatcher = new OcppRpcDispatcher(Transport, registry, new SequentialMessageIdGenerator("m"), CoreTime, new OcppRpcOptions(), NullLogger<OcppRpcDispatcher>.Instance);
        Service = new ChargePointService(
            Transport, Dispatcher, new InMemoryOutboxStore(), new TransactionIdMap(Settings), Configuration,
            new StationIdentity("Evse", "Home22", "SN-1", "0.1.0", Start), Station, CoreTime, NullLoggerFactory.Instance);
        var cache = new AuthorizationCache(new InMemoryAuthorizationCacheStore(), () => Configuration.AuthorizationCacheEnabled, CoreTime);
        var list = new LocalAuthorizationList(new InMemoryLocalAuthorizationListStore(), Configuration.LocalAuthorizationListLimits);
        var authorizer = new OcppAuthorizer(new LocalAuthorization(list, cache, CoreTime), Dispatcher, () => Service.IsOnline, Configuration, NullLogger<OcppAuthorizer>.Instance);
        var core = new CoreProfileHandlers(Service, Station, Configuration, cache, authorizer, CoreTime, NullLogger<CoreProfileHandlers>.Instance);
        core.Register(registry);

        Options = new FirmwareManagementOptions
        {
            UpdateDirectory = Path.Combine(_dir, "update"),
            DiagnosticsDirectory = Path.Combine(_dir, "diagnostics"),
            DiagnosticsFilePrefix = "SN-1",
        };
        var link = new OcppLink(Dispatcher, () => Service.IsOnline);
        Updater = new FirmwareUpdater(Transfer, Installer, Station, Settings, link, Options, Time, NullLogger<FirmwareUpdater>.Instance);
        Diagnostics = new DiagnosticsUploader(Transfer, Collector, link, Options, Time, NullLogger<DiagnosticsUploader>.Instance);
        Handlers = new FirmwareManagementHandlers(Updater, Diagnostics, Dispatcher);
        Handlers.Register(registry, core);

        _runs.Add(Service.RunAsync(_stop.Token));
        _runs.Add(Updater.RunAsync(_stop.Token));
        _runs.Add(Diagnostics.RunAsync(_stop.Token));
    }

    /// <summary>
    /// The clock of the firmware and diagnostics runs. The Core profile and the RPC layer run on <see cref="CoreTime"/>,
    /// so the timers armed here (retrieveDate, retry intervals, session polls) are the only ones this clock counts.
    /// </summary>
    public FakeTimeProvider Time { get; } = new(Start);

    public FakeTimeProvider CoreTime { get; } = new(Start);

    public LoopbackTransport Transport { get; } = new();

    public InMemorySettingsStore Settings { get; } = new();

    public ConfigurationService Configuration { get; }

    public OcppRpcDispatcher Dispatcher { get; }

    public ChargePointService Service { get; }

    public FakeStation Station { get; } = new(1);

    public FakeFileTransfer Transfer { get; } = new();

    public FakeFirmwareInstaller Installer { get; }

    public FakeDiagnosticsCollector Collector { get; } = new();

    public FirmwareManagementOptions Options { get; }

    public FirmwareUpdater Updater { get; }

    public DiagnosticsUploader Diagnostics { get; }

    public FirmwareManagementHandlers Handlers { get; }

    public string PackagePath => Path.Combine(Options.UpdateDirectory, "firmware.deb");

    public async Task<(string Id, string Action, string Payload)> NextCallAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var frame = await Transport.SentFrames.ReadAsync(timeout.Token);
        var array = JsonNode.Parse(frame)!.AsArray();
        Assert.Equal(2, (int)array[0]!);
        return ((string)array[1]!, (string)array[2]!, array[3]!.ToJsonString());
    }

    /// <summary>Reads the next CALL, checks its action, confirms it with <paramref name="confirmation"/>, returns its payload.</summary>
    public async Task<string> ExpectAsync(string action, string confirmation = "{}")
    {
        var (id, sent, payload) = await NextCallAsync();
        Assert.Equal(action, sent);
        await Transport.DeliverAsync($"[3,\"{id}\",{confirmation}]");
        return payload;
    }

    /// <summary>Confirms the next <paramref name="count"/> CALLs of <paramref name="action"/> and returns their status fields in order.</summary>
    public async Task<List<string>> StatusesAsync(string action, int count)
    {
        var statuses = new List<string>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((string)JsonNode.Parse(await ExpectAsync(action))!["status"]!);
        }

        return statuses;
    }

    public async Task BootAcceptedAsync()
    {
        await Transport.SetOnlineAsync(true);
        await ExpectAsync("BootNotification", """{"status":"Accepted","currentTime":"2026-03-01T08:00:00Z","interval":0}""");
        await ExpectAsync("StatusNotification");
        await ExpectAsync("StatusNotification");
    }

    /// <summary>The Central System calls <paramref name="action"/>; returns the CALLRESULT payload or the whole CALLERROR frame.</summary>
    public async Task<string> CallAsync(string action, string payload)
    {
        var id = "cs" + Interlocked.Increment(ref _csIds);
        await Transport.DeliverAsync($"[2,\"{id}\",\"{action}\",{payload}]");
        await Dispatcher.IncomingCallsDrained;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var frame = await Transport.SentFrames.ReadAsync(timeout.Token);
        var array = JsonNode.Parse(frame)!.AsArray();
        Assert.Equal(id, (string)array[1]!);
        return (int)array[0]! == 3 ? array[2]!.ToJsonString() : frame;
    }

    /// <summary>Waits (bounded on the real clock) until the fake clock has at least <paramref name="count"/> timers armed.</summary>
    public async Task WaitForTimersAsync(int count)
    {
        await RealClockWait.UntilAsync(() => Time.PendingTimers >= count);

        Assert.True(Time.PendingTimers >= count, $"expected {count} armed timers, found {Time.PendingTimers}");
    }

    /// <summary>Waits until <paramref name="condition"/> holds, bounded on the real clock, then asserts it.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        await RealClockWait.UntilAsync(condition);

        Assert.True(condition());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs);
        await Updater.Current.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Diagnostics.Current.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Handlers.Dispose();
        Updater.Dispose();
        Diagnostics.Dispose();
        Service.Dispose();
        Dispatcher.Dispose();
        Transport.Dispose();
        _stop.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
