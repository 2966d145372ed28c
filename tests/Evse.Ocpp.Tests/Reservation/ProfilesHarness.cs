using System.Text.Json.Nodes;
using Evse.Core.Ports;
using Evse.Core.Station;
using Evse.Ocpp.Authorization;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Outbox;
using Evse.Ocpp.Reservation;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.Tests.ChargePoint;
using Evse.Ocpp.Tests.Configuration;
using Evse.Ocpp.Transport;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Ocpp.Tests.Reservation;

/// <summary>
/// The charge point with the Reservation and LocalAuthListManagement profiles wired as the host wires them, on a
/// loopback transport and a fake clock; the test plays the Central System.
/// </summary>
internal sealed class ProfilesHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private int _csIds;

    public ProfilesHarness(int connectors = 1, IReservationStore? store = null)
    {
        Station = new FakeStation(connectors);
        Configuration = new ConfigurationService(Settings, NullLogger<ConfigurationService>.Instance);
        var registry = new OcppHandlerRegistry();
        Dispatcher = new OcppRpcDispatcher(Transport, registry, new SequentialMessageIdGenerator("m"), Time, new OcppRpcOptions(), NullLogger<OcppRpcDispatcher>.Instance);
        Service = new ChargePointService(
            Transport, Dispatcher, new InMemoryOutboxStore(), new TransactionIdMap(Settings), Configuration,
            new StationIdentity("Evse", "Home22", "SN-1", "1.0.0", Start), Station, Time, NullLoggerFactory.Instance);
        Cache = new AuthorizationCache(new InMemoryAuthorizationCacheStore(), () => Configuration.AuthorizationCacheEnabled, Time);
        List = new LocalAuthorizationList(new InMemoryLocalAuthorizationListStore(), Configuration.LocalAuthorizationListLimits);
        Local = new LocalAuthorization(List, Cache, Time);
        OcppAuthorizer = new OcppAuthorizer(Local, Dispatcher, () => Service.IsOnline, Configuration, NullLogger<OcppAuthorizer>.Instance);
        Store = store ?? new InMemoryReservationStore();
        Reservations = new ReservationService(Store, Station, Configuration, Local.ParentOf, Time, NullLogger<ReservationService>.Instance);
        Service.ReservationIdOf = Reservations.ReservationIdOf;
        Authorizer = new ReservationAuthorizer(OcppAuthorizer, () => Reservations);
        new CoreProfileHandlers(Service, Station, Configuration, Cache, OcppAuthorizer, Time, NullLogger<CoreProfileHandlers>.Instance, reservations: Reservations).Register(registry);
        new LocalAuthListHandlers(List).Register(registry);
        new ReservationProfileHandlers(Reservations).Register(registry);
        Service.Outbox.Delivered += OcppAuthorizer.OnTransactionMessageDelivered;
        _run = Service.RunAsync(_stop.Token);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public LoopbackTransport Transport { get; } = new();

    public InMemorySettingsStore Settings { get; } = new();

    public ConfigurationService Configuration { get; }

    public OcppRpcDispatcher Dispatcher { get; }

    public ChargePointService Service { get; }

    public FakeStation Station { get; }

    public AuthorizationCache Cache { get; }

    public LocalAuthorizationList List { get; }

    public LocalAuthorization Local { get; }

    public OcppAuthorizer OcppAuthorizer { get; }

    public IReservationStore Store { get; }

    public ReservationService Reservations { get; }

    /// <summary>The authorizer the station's connectors get: OCPP authorization, then reservations.</summary>
    public IAuthorizer Authorizer { get; }

    public async Task<(string Id, string Action, string Payload)> NextCallAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var frame = await Transport.SentFrames.ReadAsync(timeout.Token);
        var array = JsonNode.Parse(frame)!.AsArray();
        Assert.Equal(2, (int)array[0]!);
        return ((string)array[1]!, (string)array[2]!, array[3]!.ToJsonString());
    }

    public async Task<string> ExpectAsync(string action, string confirmation)
    {
        var (id, sent, payload) = await NextCallAsync();
        Assert.Equal(action, sent);
        await Transport.DeliverAsync($"[3,\"{id}\",{confirmation}]");
        return payload;
    }

    public async Task BootAcceptedAsync()
    {
        await Transport.SetOnlineAsync(true);
        await ExpectAsync("BootNotification", """{"status":"Accepted","currentTime":"2026-03-01T08:00:00Z","interval":300}""");
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
        Assert.True(id == (string)array[1]!, $"expected the answer to {id}, got {frame}");
        return (int)array[0]! == 3 ? array[2]!.ToJsonString() : frame;
    }

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
