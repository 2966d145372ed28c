using System.Text.Json.Nodes;
using Evse.Core.Station;
using Evse.Ocpp.Authorization;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Outbox;
using Evse.Ocpp.Reservation;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.Tests.Configuration;
using Evse.Ocpp.Transport;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Ocpp.Tests.ChargePoint;

/// <summary>The Core profile service on a loopback transport and a fake clock; the test plays the Central System.</summary>
internal sealed class ChargePointHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private int _csIds;

    /// <param name="connectors">How many connectors the fake station has.</param>
    /// <param name="settings">The settings store of a previous run (a restart); a fresh one when null.</param>
    public ChargePointHarness(int connectors = 1, InMemorySettingsStore? settings = null)
    {
        Settings = settings ?? new InMemorySettingsStore();
        Station = new FakeStation(connectors);
        Configuration = new ConfigurationService(Settings, NullLogger<ConfigurationService>.Instance);
        var registry = new OcppHandlerRegistry();
        Dispatcher = new OcppRpcDispatcher(Transport, registry, new SequentialMessageIdGenerator("m"), Time, new OcppRpcOptions(), NullLogger<OcppRpcDispatcher>.Instance);
        Service = new ChargePointService(
            Transport, Dispatcher, OutboxStore, new TransactionIdMap(Settings), Configuration,
            new StationIdentity("Evse", "Home22", "SN-1", "1.0.0", Start), Station, Time, NullLoggerFactory.Instance);
        Cache = new AuthorizationCache(new InMemoryAuthorizationCacheStore(), () => Configuration.AuthorizationCacheEnabled, Time);
        var list = new LocalAuthorizationList(new InMemoryLocalAuthorizationListStore(), Configuration.LocalAuthorizationListLimits);
        var local = new LocalAuthorization(list, Cache, Time);
        Authorizer = new OcppAuthorizer(local, Dispatcher, () => Service.IsOnline, Configuration, NullLogger<OcppAuthorizer>.Instance);
        Reservations = new ReservationService(new InMemoryReservationStore(), Station, Configuration, local.ParentOf, Time, NullLogger<ReservationService>.Instance);
        new CoreProfileHandlers(Service, Station, Configuration, Cache, Authorizer, Time, NullLogger<CoreProfileHandlers>.Instance, reservations: Reservations).Register(registry);
        Service.Outbox.Delivered += Authorizer.OnTransactionMessageDelivered;
        Authorizer.IdTagAnswered += Service.OnIdTagAnswered;
        _run = Service.RunAsync(_stop.Token);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public LoopbackTransport Transport { get; } = new();

    public InMemorySettingsStore Settings { get; }

    public InMemoryOutboxStore OutboxStore { get; } = new();

    public ConfigurationService Configuration { get; }

    public OcppRpcDispatcher Dispatcher { get; }

    public ChargePointService Service { get; }

    public FakeStation Station { get; }

    public AuthorizationCache Cache { get; }

    public OcppAuthorizer Authorizer { get; }

    public ReservationService Reservations { get; }

    /// <summary>The next CALL the charge point sent: (message id, action, payload as compact JSON).</summary>
    public async Task<(string Id, string Action, string Payload)> NextCallAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var frame = await Transport.SentFrames.ReadAsync(timeout.Token);
        var array = JsonNode.Parse(frame)!.AsArray();
        Assert.Equal(2, (int)array[0]!);
        return ((string)array[1]!, (string)array[2]!, array[3]!.ToJsonString());
    }

    /// <summary>Reads the next CALL, checks its action, and answers it with <paramref name="confirmation"/>.</summary>
    public async Task<string> ExpectAsync(string action, string confirmation)
    {
        var (id, sent, payload) = await NextCallAsync();
        Assert.Equal(action, sent);
        await Transport.DeliverAsync($"[3,\"{id}\",{confirmation}]");
        return payload;
    }

    /// <summary>Boots with Accepted and answers the StatusNotifications that follow (connector 0 and each connector).</summary>
    public async Task BootAcceptedAsync(int heartbeatSeconds = 300)
    {
        await Transport.SetOnlineAsync(true);
        await ExpectAsync("BootNotification", $$"""{"status":"Accepted","currentTime":"2026-03-01T08:00:00Z","interval":{{heartbeatSeconds}}}""");
        for (var i = 0; i <= Station.Connectors.Count; i++)
        {
            await ExpectAsync("StatusNotification", "{}");
        }
    }

    /// <summary>The Central System calls <paramref name="action"/>; returns the CALLRESULT payload or the whole CALLERROR frame.</summary>
    public async Task<string> CallAsync(string action, string payload)
    {
        var id = "cs" + Interlocked.Increment(ref _csIds);
        await Transport.DeliverAsync($"[2,\"{id}\",\"{action}\",{payload}]");
        await Dispatcher.IncomingCallsDrained;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var frame = await Transport.SentFrames.ReadAsync(timeout.Token);
        var array = JsonNode.Parse(frame)!.AsArray();
        Assert.Equal(id, (string)array[1]!);
        return (int)array[0]! == 3 ? array[2]!.ToJsonString() : frame;
    }

    public bool TryReadSent(out string frame) => Transport.SentFrames.TryRead(out frame!);

    /// <summary>
    /// Waits (bounded on the real clock, never advancing the fake one) until the fake clock has <paramref name="count"/>
    /// timers armed (the service waits on them). Does not assert: the caller's next step shows whether they were.
    /// </summary>
    public Task WaitForTimersAsync(int count) => RealClockWait.UntilAsync(() => Time.PendingTimers >= count);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        Service.Dispose();
        Dispatcher.Dispose();
        Transport.Dispose();
        _stop.Dispose();
    }
}
