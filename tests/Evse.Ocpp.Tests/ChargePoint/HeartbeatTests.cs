using System.Text.Json.Nodes;
using Evse.Core.Charging;
using Evse.Core.Station;
using Evse.Testing;

namespace Evse.Ocpp.Tests.ChargePoint;

/// <summary>HeartbeatInterval is an interval of inactivity that takes effect at once (OCPP 1.6 §4.6, §9.1).</summary>
public sealed class HeartbeatTests
{
    [Fact]
    public async Task ChangeConfiguration_ShorterIntervalAlreadyOverdue_SendsHeartbeatAtOnce()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync(heartbeatSeconds: 300);
        await h.WaitForTimersAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(100));

        var calls = await ChangeHeartbeatIntervalAsync(h, 60, heartbeatExpected: true);

        Assert.Equal(["Heartbeat"], calls);
    }

    [Fact]
    public async Task ChangeConfiguration_ShorterInterval_CountsFromTheLastMessageSent()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync(heartbeatSeconds: 300);
        await h.WaitForTimersAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(await ChangeHeartbeatIntervalAsync(h, 60, heartbeatExpected: false));
        await h.WaitForTimersAsync(1);

        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(h.TryReadSent(out var early), "Heartbeat before 60 s of silence: " + early);
        h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("{}", await h.ExpectAsync("Heartbeat", """{"currentTime":"2026-03-01T08:01:00Z"}"""));
    }

    [Fact]
    public async Task ChangeConfiguration_FromZeroToAnInterval_StartsHeartbeatsWithoutWaitingForAPoll()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync(heartbeatSeconds: 300);
        Assert.Empty(await ChangeHeartbeatIntervalAsync(h, 0, heartbeatExpected: false));
        // Interval 0 arms no heartbeat timer; this only gives the service a short real-time moment to settle (it used
        // to be a count of yields waiting for a timer that never comes).
        await RealClockWait.UntilAsync(() => h.Time.PendingTimers >= 1, TimeSpan.FromMilliseconds(200));
        h.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["Heartbeat"], await ChangeHeartbeatIntervalAsync(h, 5, heartbeatExpected: true));
    }

    [Fact]
    public async Task OtherMessage_SentWithinTheInterval_PostponesTheHeartbeat()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync(heartbeatSeconds: 300);
        await h.WaitForTimersAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(200));
        // Faulted is never held back by MinimumStatusDuration, so it goes out now.
        h.Service.Publish(new ConnectorStatusChanged(1, h.Time.GetUtcNow(), ChargePointStatus.Faulted, ChargePointErrorCode.OtherError, null));
        await h.ExpectAsync("StatusNotification", "{}");

        h.Time.Advance(TimeSpan.FromSeconds(299));
        Assert.False(h.TryReadSent(out var early), "Heartbeat although a StatusNotification went out 100 s ago: " + early);
        h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("{}", await h.ExpectAsync("Heartbeat", """{"currentTime":"2026-03-01T08:08:20Z"}"""));
    }

    [Fact]
    public async Task TriggeredBootNotification_AcceptedWithInterval_AppliesIt()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync(heartbeatSeconds: 300);
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"BootNotification"}"""));
        await h.ExpectAsync("BootNotification", """{"status":"Accepted","currentTime":"2026-03-01T08:00:00Z","interval":60}""");

        // The interval is applied on the service's loop once the answer is read; the clock moves only after that.
        Assert.True(await RealClockWait.UntilAsync(() => h.Configuration.HeartbeatInterval == TimeSpan.FromSeconds(60)), "the new interval was never applied");

        h.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal("{}", await h.ExpectAsync("Heartbeat", """{"currentTime":"2026-03-01T08:01:00Z"}"""));
    }

    /// <summary>
    /// The Central System changes HeartbeatInterval; returns the actions of the CALLs the charge point sent besides the
    /// answer (a Heartbeat that is due at once may overtake the CALLRESULT on the wire, which OCPP allows). When
    /// <paramref name="heartbeatExpected"/>, waits for one CALL; otherwise later assertions catch a wrong one.
    /// </summary>
    private static async Task<List<string>> ChangeHeartbeatIntervalAsync(ChargePointHarness h, int seconds, bool heartbeatExpected)
    {
        await h.Transport.DeliverAsync($$"""[2,"cc{{seconds}}","ChangeConfiguration",{"key":"HeartbeatInterval","value":"{{seconds}}"}]""");
        await h.Dispatcher.IncomingCallsDrained;
        var calls = new List<string>();
        var answered = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!answered)
        {
            var frame = JsonNode.Parse(await h.Transport.SentFrames.ReadAsync(timeout.Token))!.AsArray();
            if ((int)frame[0]! == 3)
            {
                Assert.Equal("""{"status":"Accepted"}""", frame[2]!.ToJsonString());
                answered = true;
                continue;
            }

            calls.Add((string)frame[2]!);
            await h.Transport.DeliverAsync($$"""[3,"{{(string)frame[1]!}}",{"currentTime":"2026-03-01T08:00:00Z"}]""");
        }

        if (heartbeatExpected && calls.Count == 0)
        {
            var (id, action, _) = await h.NextCallAsync();
            calls.Add(action);
            await h.Transport.DeliverAsync($$"""[3,"{{id}}",{"currentTime":"2026-03-01T08:00:00Z"}]""");
        }

        return calls;
    }
}
