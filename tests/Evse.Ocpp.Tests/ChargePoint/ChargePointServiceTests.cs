using Evse.Core.Charging;
using Evse.Core.Measurements;
using Evse.Core.Station;
using Evse.Ocpp.ChargePoint;
using Evse.Testing;

namespace Evse.Ocpp.Tests.ChargePoint;

public sealed class ChargePointServiceTests
{
    private const string StatusAvailable0 = """{"connectorId":0,"errorCode":"NoError","status":"Available","timestamp":"2026-03-01T08:00:00Z"}""";
    private const string StatusAvailable1 = """{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"2026-03-01T08:00:00Z"}""";

    [Fact]
    public async Task Boot_Accepted_SendsIdentityThenStatusOfConnectorZeroAndEachConnector()
    {
        await using var h = new ChargePointHarness(connectors: 2);
        await h.Transport.SetOnlineAsync(true);

        var boot = await h.ExpectAsync("BootNotification", """{"status":"Accepted","currentTime":"2026-03-01T08:00:00Z","interval":120}""");
        Assert.Equal("""{"chargePointVendor":"Evse","chargePointModel":"Home22","chargePointSerialNumber":"SN-1","firmwareVersion":"1.0.0"}""", boot);
        Assert.Equal(StatusAvailable0, await h.ExpectAsync("StatusNotification", "{}"));
        Assert.Equal(StatusAvailable1, await h.ExpectAsync("StatusNotification", "{}"));
        Assert.Equal("""{"connectorId":2,"errorCode":"NoError","status":"Available","timestamp":"2026-03-01T08:00:00Z"}""", await h.ExpectAsync("StatusNotification", "{}"));
        Assert.True(h.Service.IsAccepted);
        Assert.Equal(TimeSpan.FromSeconds(120), h.Configuration.HeartbeatInterval);
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData("Rejected")]
    public async Task Boot_NotAccepted_SendsNothingElseAndRetriesAfterInterval(string status)
    {
        await using var h = new ChargePointHarness();
        await h.Transport.SetOnlineAsync(true);
        await h.ExpectAsync("BootNotification", $$"""{"status":"{{status}}","currentTime":"2026-03-01T08:00:00Z","interval":60}""");

        h.Service.Publish(new ConnectorStatusChanged(1, ChargePointHarness.Start, ChargePointStatus.Preparing, ChargePointErrorCode.NoError, null));
        h.Service.Publish(new SessionStarted(1, ChargePointHarness.Start, 7, "CARD1", 10));
        // The boot retry timer and the outbox's offline poll.
        await h.WaitForTimersAsync(2);
        h.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(h.TryReadSent(out var early), "Sent before the interval or before Accepted: " + early);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        var (_, action, _) = await h.NextCallAsync();
        Assert.Equal("BootNotification", action);
        Assert.False(h.Service.IsAccepted);
    }

    [Fact]
    public async Task Heartbeat_AfterAcceptedInterval_SentEveryInterval()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync(heartbeatSeconds: 300);
        await h.WaitForTimersAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(299));
        Assert.False(h.TryReadSent(out _));

        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("{}", await h.ExpectAsync("Heartbeat", """{"currentTime":"2026-03-01T08:05:00Z"}"""));
    }

    [Fact]
    public async Task ConnectorStatusChanged_AfterBoot_SendsStatusNotificationWithErrorAndInfo()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Service.Publish(new ConnectorStatusChanged(1, ChargePointHarness.Start.AddSeconds(5), ChargePointStatus.Faulted, ChargePointErrorCode.GroundFailure, "RCD tripped"));

        Assert.Equal(
            """{"connectorId":1,"errorCode":"GroundFailure","info":"RCD tripped","status":"Faulted","timestamp":"2026-03-01T08:00:05Z"}""",
            await h.ExpectAsync("StatusNotification", "{}"));
    }

    [Fact]
    public async Task Reconnect_AfterAccepted_ResendsCurrentStatusWithoutBoot()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        await h.Transport.SetOnlineAsync(false);
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 5, true));
        await h.Transport.SetOnlineAsync(true);

        Assert.Equal(StatusAvailable0, await h.ExpectAsync("StatusNotification", "{}"));
        Assert.Equal("""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"2026-03-01T08:00:00Z"}""", await h.ExpectAsync("StatusNotification", "{}"));
    }

    [Fact]
    public async Task Session_StartedAndEnded_SendsStartThenStopWithMappedTransactionId()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Service.Publish(new SessionStarted(1, ChargePointHarness.Start.AddSeconds(10), 42, "CARD1", 1234.4));
        var start = await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Accepted"},"transactionId":77}""");
        Assert.Equal("""{"connectorId":1,"idTag":"CARD1","meterStart":1234,"timestamp":"2026-03-01T08:00:10Z"}""", start);

        h.Service.Publish(new SessionEnded(1, ChargePointHarness.Start.AddMinutes(30), 42, "CARD1", 8234.6, StopReason.Local));
        var stop = await h.ExpectAsync("StopTransaction", """{"idTagInfo":{"status":"Accepted"}}""");
        Assert.Equal(
            """{"idTag":"CARD1","meterStop":8235,"timestamp":"2026-03-01T08:30:00Z","transactionId":77,"reason":"Local",""" +
            "\"transactionData\":[" +
            """{"timestamp":"2026-03-01T08:30:00Z","sampledValue":[""" +
            """{"value":"8235","context":"Transaction.End","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"}]}]}""",
            stop);
    }

    [Fact]
    public async Task Session_StartReplayedAfterCrash_StartTransactionSentOnce()
    {
        await using var h = new ChargePointHarness();
        var started = new SessionStarted(1, ChargePointHarness.Start, 42, "CARD1", 0);
        h.Service.Publish(started);
        h.Service.Publish(started);
        await h.Transport.SetOnlineAsync(true);
        await h.ExpectAsync("BootNotification", """{"status":"Accepted","currentTime":"2026-03-01T08:00:00Z","interval":300}""");

        // The current statuses go first, the queued start follows them (docs/ocpp-core-profile.md).
        var actions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (id, action, _) = await h.NextCallAsync();
            actions.Add(action);
            var conf = action == "StartTransaction" ? """{"idTagInfo":{"status":"Accepted"},"transactionId":1}""" : "{}";
            await h.Transport.DeliverAsync($"[3,\"{id}\",{conf}]");
        }

        Assert.Equal(["StatusNotification", "StatusNotification", "StartTransaction"], actions);

        // The outbox removes the answered start on its own thread.
        await RealClockWait.UntilAsync(() => h.Service.Outbox.PendingCount == 0);

        await h.WaitForTimersAsync(1);
        Assert.Equal(0, h.Service.Outbox.PendingCount);
        Assert.False(h.TryReadSent(out var second), "Sent twice: " + second);
    }

    [Fact]
    public async Task ConnectorMetered_DuringSession_SendsPeriodicMeterValuesPerPhase()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MeterValueSampleInterval", "60");
        h.Configuration.ChangeConfiguration("MeterValuesSampledData", "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage");
        h.Service.Publish(new SessionStarted(1, ChargePointHarness.Start, 42, "CARD1", 0));
        await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Accepted"},"transactionId":9}""");

        var sample = new MeterSample(new PhaseValues(230, 231, 229), new PhaseValues(16, 16, 15.5), new PhaseValues(3680, 3696, 3549.5), 500, 50);
        h.Service.Publish(new ConnectorMetered(1, ChargePointHarness.Start.AddSeconds(30), 42, sample, default!, 16));
        h.Service.Publish(new ConnectorMetered(1, ChargePointHarness.Start.AddSeconds(60), 42, sample, default!, 16));
        var meter = await h.ExpectAsync("MeterValues", "{}");

        Assert.Equal(
            """{"connectorId":1,"transactionId":9,"meterValue":[{"timestamp":"2026-03-01T08:01:00Z","sampledValue":[""" +
            """{"value":"500","context":"Sample.Periodic","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"},""" +
            """{"value":"10925.5","context":"Sample.Periodic","measurand":"Power.Active.Import","location":"Outlet","unit":"W"},""" +
            """{"value":"16","context":"Sample.Periodic","measurand":"Current.Import","phase":"L1","location":"Outlet","unit":"A"},""" +
            """{"value":"16","context":"Sample.Periodic","measurand":"Current.Import","phase":"L2","location":"Outlet","unit":"A"},""" +
            """{"value":"15.5","context":"Sample.Periodic","measurand":"Current.Import","phase":"L3","location":"Outlet","unit":"A"},""" +
            """{"value":"230","context":"Sample.Periodic","measurand":"Voltage","phase":"L1-N","location":"Outlet","unit":"V"},""" +
            """{"value":"231","context":"Sample.Periodic","measurand":"Voltage","phase":"L2-N","location":"Outlet","unit":"V"},""" +
            """{"value":"229","context":"Sample.Periodic","measurand":"Voltage","phase":"L3-N","location":"Outlet","unit":"V"}]}]}""",
            meter);
    }
}
