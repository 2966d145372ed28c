using System.Text.Json.Nodes;
using Evse.Core.Charging;
using Evse.Core.Station;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Outbox;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.Tests.Configuration;
using Evse.Ocpp.Tests.Transport;
using Evse.Ocpp.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Ocpp.Tests.ChargePoint;

/// <summary>The whole chain on a real WebSocket to a Kestrel Central System on 127.0.0.1.</summary>
public sealed class ChargePointWebSocketTests
{
    [Fact]
    public async Task RunAsync_RealWebSocket_BootsReportsStatusAndDeliversSession()
    {
        await using var cs = await TestCentralSystem.StartAsync();
        var stopSeen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var statusesSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var statuses = 0;
        cs.Respond = frame =>
        {
            var call = JsonNode.Parse(frame)!.AsArray();
            var id = (string)call[1]!;
            var action = (string)call[2]!;
            if (action == "StatusNotification" && Interlocked.Increment(ref statuses) == 2)
            {
                statusesSeen.TrySetResult();
            }

            if (action == "StopTransaction")
            {
                stopSeen.TrySetResult(call[3]!.ToJsonString());
            }

            var conf = action switch
            {
                "BootNotification" => """{"status":"Accepted","currentTime":"2026-03-01T08:00:00Z","interval":300}""",
                "StartTransaction" => """{"idTagInfo":{"status":"Accepted"},"transactionId":500}""",
                _ => "{}",
            };
            return $"[3,\"{id}\",{conf}]";
        };

        var settings = new InMemorySettingsStore();
        var configuration = new ConfigurationService(settings, NullLogger<ConfigurationService>.Instance);
        using var transport = new OcppWebSocketTransport(
            new OcppWebSocketOptions { CentralSystemUrl = cs.BaseUrl, ChargePointId = "CP1", ConnectTimeout = TimeSpan.FromSeconds(5) },
            TimeProvider.System, new Random(3), NullLogger<OcppWebSocketTransport>.Instance);
        using var dispatcher = new OcppRpcDispatcher(
            transport, new OcppHandlerRegistry(), new SequentialMessageIdGenerator("m"), TimeProvider.System, new OcppRpcOptions(), NullLogger<OcppRpcDispatcher>.Instance);
        using var service = new ChargePointService(
            transport, dispatcher, new InMemoryOutboxStore(), new TransactionIdMap(settings), configuration,
            new StationIdentity("Evse", "Home22", "SN-1", "1.0.0", DateTimeOffset.UnixEpoch), new FakeStation(1), TimeProvider.System, NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var run = service.RunAsync(stop.Token);

        await statusesSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        service.Publish(new SessionStarted(1, at, 8, "CARD1", 100));
        service.Publish(new SessionEnded(1, at.AddHours(1), 8, "CARD1", 7100, StopReason.EVDisconnected));
        var stopPayload = await stopSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["BootNotification", "StatusNotification", "StatusNotification", "StartTransaction", "StopTransaction"],
            cs.Received.Select(f => (string)JsonNode.Parse(f)!.AsArray()[2]!));
        Assert.Equal("""{"idTag":"CARD1","meterStop":7100,"timestamp":"2026-03-01T10:00:00Z","transactionId":500,"reason":"EVDisconnected",""" +
            "\"transactionData\":[" +
            """{"timestamp":"2026-03-01T10:00:00Z","sampledValue":[""" +
            """{"value":"7100","context":"Transaction.End","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"}]}]}""", stopPayload);
        Assert.Equal("/ocpp/CP1", Assert.Single(cs.Requests).Path);
    }
}
