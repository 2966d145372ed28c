using System.Text.Json.Nodes;
using Evse.Core.Charging;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.SmartCharging;
using Evse.Ocpp.Tests.ChargePoint;
using Evse.Ocpp.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using ChargePointErrorCode = Evse.Core.Charging.ChargePointErrorCode;
using ChargePointStatus = Evse.Core.Charging.ChargePointStatus;

namespace Evse.Ocpp.Tests.SmartCharging;

/// <summary>The three SmartCharging actions over the loopback link: exact JSON in, exact JSON out, both schema-checked by the dispatcher.</summary>
public sealed class SmartChargingHandlersTests : IAsyncDisposable
{
    private readonly SmartChargingRig _rig = new();
    private readonly LoopbackTransport _transport = new();
    private readonly OcppRpcDispatcher _dispatcher;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private int _ids;

    public SmartChargingHandlersTests()
    {
        var registry = new SmartChargingHandlers(_rig.Service).Register(new OcppHandlerRegistry());
        _dispatcher = new OcppRpcDispatcher(_transport, registry, new SequentialMessageIdGenerator("m"), _rig.Time, new OcppRpcOptions(), NullLogger<OcppRpcDispatcher>.Instance);
        _run = _transport.RunAsync(_dispatcher, _stop.Token);
    }

    [Fact]
    public async Task SetChargingProfile_ValidTxDefault_AcceptedAndLimitApplied()
    {
        var answer = await CallAsync("SetChargingProfile", """
            {"connectorId":1,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile",
             "chargingProfileKind":"Absolute","chargingSchedule":{"startSchedule":"2026-03-02T00:00:00Z","chargingRateUnit":"A",
             "chargingSchedulePeriod":[{"startPeriod":0,"limit":16.0},{"startPeriod":3600,"limit":8.5}]}}}
            """);

        Assert.Equal("""{"status":"Accepted"}""", answer);
        Assert.Equal(16, _rig.Amps(1));
        _rig.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(8.5, _rig.Amps(1));
    }

    [Fact]
    public async Task SetChargingProfile_TxProfileWithoutTransaction_Rejected()
    {
        var answer = await CallAsync("SetChargingProfile", """
            {"connectorId":1,"csChargingProfiles":{"chargingProfileId":2,"transactionId":5,"stackLevel":0,"chargingProfilePurpose":"TxProfile",
             "chargingProfileKind":"Relative","chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":10}]}}}
            """);

        Assert.Equal("""{"status":"Rejected"}""", answer);
    }

    [Fact]
    public async Task ClearChargingProfile_Installed_AcceptedThenUnknown()
    {
        _rig.Service.SetChargingProfile(1, Profiles.TxDefault(4, 0, 16m));

        Assert.Equal("""{"status":"Accepted"}""", await CallAsync("ClearChargingProfile", """{"id":4}"""));
        Assert.Equal("""{"status":"Unknown"}""", await CallAsync("ClearChargingProfile", """{"id":4}"""));
        Assert.Null(_rig.Amps(1));
    }

    [Fact]
    public async Task ClearChargingProfile_PurposeAndStackLevel_RemovesMatchingOnly()
    {
        _rig.Service.SetChargingProfile(0, Profiles.Max(1, 0, 32m));
        _rig.Service.SetChargingProfile(1, Profiles.TxDefault(2, 0, 16m));

        Assert.Equal("""{"status":"Accepted"}""", await CallAsync("ClearChargingProfile", """{"chargingProfilePurpose":"TxDefaultProfile","stackLevel":0}"""));

        Assert.Equal(1, Assert.Single(_rig.Service.Profiles).Id);
    }

    [Fact]
    public async Task GetCompositeSchedule_UnknownConnector_Rejected()
    {
        Assert.Equal("""{"status":"Rejected"}""", await CallAsync("GetCompositeSchedule", """{"connectorId":7,"duration":3600}"""));
    }

    [Fact]
    public async Task GetCompositeSchedule_InAmps_ReportsThePeriods()
    {
        _rig.Service.SetChargingProfile(0, Profiles.Max(1, 0, 20m));
        _rig.Service.SetChargingProfile(1, Profiles.Make(2, ChargingProfilePurpose.TxDefaultProfile, 0, [(0, 32m), (1800, 10m)], startSchedule: Profiles.T0));

        var answer = await CallAsync("GetCompositeSchedule", """{"connectorId":1,"duration":3600,"chargingRateUnit":"A"}""");

        Assert.Equal(
            """{"status":"Accepted","connectorId":1,"scheduleStart":"2026-03-02T00:00:00Z","chargingSchedule":{"duration":3600,"startSchedule":"2026-03-02T00:00:00Z","chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":20},{"startPeriod":1800,"limit":10}]}}""",
            answer);
    }

    [Fact]
    public async Task GetCompositeSchedule_InWatts_ConvertedAtNominalVoltage()
    {
        _rig.Service.SetChargingProfile(1, Profiles.TxDefault(1, 0, 16m));

        var answer = await CallAsync("GetCompositeSchedule", """{"connectorId":1,"duration":60,"chargingRateUnit":"W"}""");

        var periods = JsonNode.Parse(answer)!["chargingSchedule"]!["chargingSchedulePeriod"]!.AsArray();
        Assert.Equal(3680m, (decimal)Assert.Single(periods)!["limit"]!);
    }

    [Fact]
    public async Task RemoteStartTransaction_WithTxProfile_InstalledWhenTheSessionStarts()
    {
        await using var h = new ChargePointHarness();
        var configuration = h.Configuration;
        configuration.TryChange("AuthorizeRemoteTxRequests", "false", Ocpp.Configuration.ConfigurationChangeOrigin.Station);
        using var service = new SmartChargingService(
            new InMemoryChargingProfileStore(), h.Station, configuration, _ => null, new SmartChargingOptions(), h.Time, NullLogger<SmartChargingService>.Instance);
        service.Start();
        var handlers = new CoreProfileHandlers(h.Service, h.Station, configuration, h.Cache, h.Authorizer, h.Time, NullLogger<CoreProfileHandlers>.Instance, service);

        var result = await handlers.HandleAsync(
            new RemoteStartTransactionRequest { ConnectorId = 1, IdTag = "REMOTE1", ChargingProfile = Profiles.Tx(3, 0, 11m) }, CancellationToken.None);
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 21, true));
        service.Handle(new Core.Station.SessionStarted(1, h.Time.GetUtcNow(), 21, "REMOTE1", 0));

        Assert.Equal(RemoteStartStopStatus.Accepted, result.Confirmation!.Status);
        Assert.Equal((1, (ConnectorEvent)new StartRequested("REMOTE1")), Assert.Single(h.Station.Posted));
        Assert.Equal(11, h.Station.Limits[(1, Core.Limits.LimitSource.SmartCharging)]!.Amps);
    }

    [Fact]
    public async Task RemoteStartTransaction_WithTxDefaultProfile_RejectedAndNothingPosted()
    {
        await using var h = new ChargePointHarness();
        h.Configuration.TryChange("AuthorizeRemoteTxRequests", "false", Ocpp.Configuration.ConfigurationChangeOrigin.Station);
        using var service = new SmartChargingService(
            new InMemoryChargingProfileStore(), h.Station, h.Configuration, _ => null, new SmartChargingOptions(), h.Time, NullLogger<SmartChargingService>.Instance);
        var handlers = new CoreProfileHandlers(h.Service, h.Station, h.Configuration, h.Cache, h.Authorizer, h.Time, NullLogger<CoreProfileHandlers>.Instance, service);

        var result = await handlers.HandleAsync(
            new RemoteStartTransactionRequest { ConnectorId = 1, IdTag = "REMOTE1", ChargingProfile = Profiles.TxDefault(3, 0, 11m) }, CancellationToken.None);

        Assert.Equal(RemoteStartStopStatus.Rejected, result.Confirmation!.Status);
        Assert.Empty(h.Station.Posted);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _dispatcher.Dispose();
        _transport.Dispose();
        _stop.Dispose();
        _rig.Dispose();
    }

    private async Task<string> CallAsync(string action, string payload)
    {
        if (!_transport.IsConnected)
        {
            await _transport.SetOnlineAsync(true);
        }

        var id = "cs" + Interlocked.Increment(ref _ids);
        await _transport.DeliverAsync($"[2,\"{id}\",\"{action}\",{payload.ReplaceLineEndings(string.Empty)}]");
        await _dispatcher.IncomingCallsDrained;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var frame = await _transport.SentFrames.ReadAsync(timeout.Token);
        var array = JsonNode.Parse(frame)!.AsArray();
        Assert.Equal(id, (string)array[1]!);
        Assert.Equal(3, (int)array[0]!);
        return array[2]!.ToJsonString();
    }
}
