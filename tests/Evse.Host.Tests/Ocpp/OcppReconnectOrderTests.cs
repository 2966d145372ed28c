using System.Text.Json.Nodes;
using Evse.Host.Tests.Support;
using Evse.Testing.Ocpp;

namespace Evse.Host.Tests.Ocpp;

/// <summary>
/// The order docs/ocpp-core-profile.md promises on the wire when the link or the power comes back: after a reconnect
/// the current StatusNotifications (connector 0, then each connector) and then the queued transaction messages in
/// their order; after a restart nothing but BootNotification until one is Accepted.
/// </summary>
public sealed class OcppReconnectOrderTests
{
    private static readonly string[] Shown = ["BootNotification", "StatusNotification", "StartTransaction", "MeterValues", "StopTransaction"];

    [Fact]
    public async Task Reconnect_WithQueuedMeterValuesAndStop_CurrentStatusesFirstThenTheBacklogInOrder()
    {
        await using var daemon = await OcppSessionScenarioTests.BootedAsync(("AllowOfflineTxForUnknownId", "true"));
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "04A1B2C3" });
        await OcppSessionScenarioTests.ChargeAsync(daemon, TimeSpan.FromSeconds(5));
        await daemon.CentralSystem.WaitForAsync(f => OcppSessionScenarioTests.Answered(f, "StartTransaction"), "StartTransaction");
        daemon.CentralSystem.SetOnline(false);
        await Eventually.True(() => !daemon.CentralSystem.IsConnected, "the link to drop");

        await daemon.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "04A1B2C3" });
        await DaemonApi.WaitForStatusAsync(daemon.Client, "Finishing");
        daemon.CentralSystem.ClearFrames();
        daemon.CentralSystem.SetOnline(true);
        await daemon.AdvanceUntilAsync(f => OcppSessionScenarioTests.Answered(f, "StopTransaction"), "the backlog", TimeSpan.FromSeconds(5));

        Assert.Equal(
            ["StatusNotification 0 Available", "StatusNotification 1 Finishing", "MeterValues", "MeterValues", "StopTransaction"],
            Calls(daemon.CentralSystem.Frames));
        CentralSystemLedger.AssertSchemaValid(daemon.CentralSystem.Frames);
    }

    [Fact]
    public async Task Restart_AfterACutMidSessionWithBootPending_NothingButBootNotificationBeforeAcceptedThenStatusesThenTheStop()
    {
        await using var daemon = await OcppSessionScenarioTests.BootedAsync();
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "04A1B2C3" });
        await OcppSessionScenarioTests.ChargeAsync(daemon, TimeSpan.FromSeconds(70));
        await daemon.CentralSystem.WaitForAsync(f => OcppSessionScenarioTests.Answered(f, "MeterValues"), "a MeterValues");
        var (next, errors) = await daemon.PowerCutAsync(1);
        Assert.Empty(errors);

        // The back office is not ready for us yet: two Pending answers (10 s apart), then Accepted.
        var pending = 2;
        daemon.CentralSystem.Script = (action, _) => action == "BootNotification" && pending-- > 0
            ? CentralSystemAnswer.Result($$"""{"currentTime":"{{LoopbackCentralSystem.Format(daemon.Time.GetUtcNow())}}","interval":10,"status":"Pending"}""")
            : null;
        var before = daemon.CentralSystem.Frames.Count;
        await daemon.StartDaemonAsync(next);
        await daemon.AdvanceUntilAsync(f => OcppSessionScenarioTests.Answered(f, "StopTransaction"), "the PowerLoss stop", TimeSpan.FromSeconds(2));

        var afterRestart = daemon.CentralSystem.Frames.Skip(before).ToList();
        var accepted = afterRestart.FindIndex(f => !f.FromChargePoint && f.MessageType == 3 && f.Payload["status"]?.GetValue<string>() == "Accepted");
        Assert.True(accepted > 0, "a BootNotification was accepted");
        Assert.All(afterRestart.Take(accepted).Where(f => f.FromChargePoint), f => Assert.Equal("BootNotification", f.Action));
        Assert.Equal(3, afterRestart.Take(accepted).Count(f => f.FromChargePoint));
        Assert.Equal(
            ["StatusNotification 0 Available", "StatusNotification 1 Available", "StopTransaction"],
            Calls(afterRestart.Skip(accepted).ToList()));
        Assert.Equal("PowerLoss", afterRestart.Last(f => f.Action == "StopTransaction").Payload["reason"]!.GetValue<string>());
        var summary = CentralSystemLedger.AssertTransactions(daemon.CentralSystem.Frames);
        Assert.Equal(1, summary.Sessions);
        CentralSystemLedger.AssertSchemaValid(daemon.CentralSystem.Frames);
    }

    /// <summary>The charge point's CALLs of the session-relevant actions: statuses with connector and status.</summary>
    private static List<string> Calls(IReadOnlyList<CentralSystemFrame> frames) =>
    [
        .. frames.Where(f => f.FromChargePoint && f.MessageType == 2 && Shown.Contains(f.Action))
            .Select(f => f.Action == "StatusNotification" ? $"StatusNotification {Value(f.Payload, "connectorId")} {Value(f.Payload, "status")}" : f.Action!),
    ];

    private static string Value(JsonObject payload, string name) => payload[name]!.ToJsonString().Trim('"');
}
