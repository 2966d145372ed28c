using Evse.Ocpp.Configuration;
using Evse.Testing;

namespace Evse.Ocpp.Tests.ChargePoint;

/// <summary>OCPP 1.6 §4.2 registration: Rejected silence that survives reconnects, a triggered BootNotification's answer.</summary>
public sealed class RegistrationTests
{
    private const string Boot = "BootNotification";

    [Fact]
    public async Task IncomingCall_WhileRejected_IsNotAnswered()
    {
        await using var h = new ChargePointHarness();
        await h.Transport.SetOnlineAsync(true);
        await h.ExpectAsync(Boot, """{"status":"Rejected","currentTime":"2026-03-01T08:00:00Z","interval":60}""");
        await UntilRejectedAsync(h);

        await h.Transport.DeliverAsync("""[2,"cs1","GetConfiguration",{"key":["HeartbeatInterval"]}]""");
        await h.Transport.DeliverAsync("""[2,"cs2","TriggerMessage",{"requestedMessage":"Heartbeat"}]""");
        await h.Dispatcher.IncomingCallsDrained;

        Assert.False(h.TryReadSent(out var frame), "Answered or sent while Rejected: " + frame);
    }

    [Fact]
    public async Task Reconnect_WhileRejected_WaitsForTheIntervalBeforeTheNextBoot()
    {
        await using var h = new ChargePointHarness();
        await h.Transport.SetOnlineAsync(true);
        await h.ExpectAsync(Boot, """{"status":"Rejected","currentTime":"2026-03-01T08:00:00Z","interval":60}""");
        await UntilRejectedAsync(h);

        // The Central System closes the socket; the transport reconnects at once.
        await h.Transport.SetOnlineAsync(false);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        await h.Transport.SetOnlineAsync(true);
        await h.WaitForTimersAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(54));
        Assert.False(h.TryReadSent(out var early), "Sent before the Rejected interval ran out: " + early);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        var (_, action, _) = await h.NextCallAsync();
        Assert.Equal(Boot, action);
    }

    [Fact]
    public async Task TriggeredBoot_AcceptedWhilePending_RegistersAtOnceWithTheNewInterval()
    {
        await using var h = new ChargePointHarness();
        await h.Transport.SetOnlineAsync(true);
        await h.ExpectAsync(Boot, """{"status":"Pending","currentTime":"2026-03-01T08:00:00Z","interval":600}""");

        var answer = await h.CallAsync("TriggerMessage", """{"requestedMessage":"BootNotification"}""");
        Assert.Equal("""{"status":"Accepted"}""", answer);
        var boot = await h.ExpectAsync(Boot, """{"status":"Accepted","currentTime":"2026-03-01T08:00:01Z","interval":50}""");

        Assert.Equal("""{"chargePointVendor":"Evse","chargePointModel":"Home22","chargePointSerialNumber":"SN-1","firmwareVersion":"1.0.0"}""", boot);
        Assert.Equal(
            """{"connectorId":0,"errorCode":"NoError","status":"Available","timestamp":"2026-03-01T08:00:00Z"}""",
            await h.ExpectAsync("StatusNotification", "{}"));
        await h.ExpectAsync("StatusNotification", "{}");
        Assert.True(h.Service.IsAccepted);
        Assert.Equal(TimeSpan.FromSeconds(50), h.Configuration.HeartbeatInterval);

        // The Pending retry (600 s) is gone: the next message is the heartbeat 50 s on, not another BootNotification.
        // One fake second per step, bounded on the real clock; the fake bound (120 s, well short of the 600 s retry) is
        // asserted after.
        var frame = string.Empty;
        var seconds = await RealClockWait.StepUntilAsync(
            () => h.TryReadSent(out frame),
            async () =>
            {
                // The heartbeat's timer (the Pending retry's is gone, which is the point).
                await h.WaitForTimersAsync(1);
                h.Time.Advance(TimeSpan.FromSeconds(1));
            },
            TimeSpan.FromMilliseconds(10));

        Assert.InRange(seconds, 1, 120);
        Assert.Contains("\"Heartbeat\"", frame, StringComparison.Ordinal);
        Assert.DoesNotContain(Boot, frame, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggeredBoot_WhilePendingRetryRuns_OnlyOneBootNotificationInFlight()
    {
        await using var h = new ChargePointHarness();
        await h.Transport.SetOnlineAsync(true);
        await h.ExpectAsync(Boot, """{"status":"Pending","currentTime":"2026-03-01T08:00:00Z","interval":20}""");

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"BootNotification"}"""));
        var (id, action, _) = await h.NextCallAsync();
        Assert.Equal(Boot, action);

        // The retry timer fires while the triggered one waits for its answer (within the 30 s call timeout): it must
        // not send a second one.
        await h.WaitForTimersAsync(2);
        h.Time.Advance(TimeSpan.FromSeconds(20));
        await Task.Yield();
        Assert.False(h.TryReadSent(out var second), "Second BootNotification while one was unanswered: " + second);
        await h.Transport.DeliverAsync($$"""[3,"{{id}}",{"status":"Accepted","currentTime":"2026-03-01T08:10:00Z","interval":300}]""");
        await h.ExpectAsync("StatusNotification", "{}");
        await h.ExpectAsync("StatusNotification", "{}");
        Assert.True(h.Service.IsAccepted);
    }

    [Fact]
    public async Task Boot_AcceptedWithIntervalAboveAWeek_HeartbeatsAtTheLongestSupportedInterval()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync(heartbeatSeconds: 700_000);

        Assert.Equal(TimeSpan.FromSeconds(604_800), h.Configuration.HeartbeatInterval);
        Assert.Equal("604800", h.Configuration.GetValue(OcppConfigurationKeys.HeartbeatInterval));
    }

    [Fact]
    public async Task IncomingCall_KnownActionWithoutHandler_AnswersNotSupported()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();

        var frame = await h.CallAsync("CancelReservation", """{"reservationId":1}""");

        Assert.Equal("""[4,"cs1","NotSupported","Action 'CancelReservation' is not supported by this charge point.",{}]""", frame);
    }

    [Fact]
    public async Task IncomingCall_UnknownAction_AnswersNotImplemented()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();

        var frame = await h.CallAsync("MakeCoffee", "{}");

        Assert.Equal("""[4,"cs1","NotImplemented","Action 'MakeCoffee' is not implemented.",{}]""", frame);
    }

    [Fact]
    public async Task IncomingCall_LongActionEndingInEmoji_StillAnswersWithWholeCharacters()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        // 59 letters then U+1F600: cutting at 60 UTF-16 units would split its surrogate pair.
        var action = new string('A', 59) + "\U0001F600";

        var frame = await h.CallAsync(action, "{}");

        Assert.Equal($$"""[4,"cs1","NotImplemented","Action '{{new string('A', 59)}}' is not implemented.",{}]""", frame);
    }

    /// <summary>The answer is applied on the service's own task; waits (bounded on the real clock) until it has been.</summary>
    private static async Task UntilRejectedAsync(ChargePointHarness h)
    {
        await RealClockWait.UntilAsync(() => h.Service.Registration == Evse.Ocpp.Messages.RegistrationStatus.Rejected);

        Assert.Equal(Evse.Ocpp.Messages.RegistrationStatus.Rejected, h.Service.Registration);
    }
}
