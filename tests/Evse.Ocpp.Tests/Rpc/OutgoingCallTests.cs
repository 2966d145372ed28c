using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Tests.Rpc;

public class OutgoingCallTests
{
    private static BootNotificationRequest Boot => new() { ChargePointVendor = "Evse", ChargePointModel = "Pi" };

    [Fact]
    public async Task CallAsync_CallResult_ReturnsConfirmationAndSentExactFrame()
    {
        await using var h = await RpcHarness.StartAsync();

        var call = h.Dispatcher.CallAsync(Boot, CancellationToken.None);
        var sent = await h.NextSentAsync();
        await h.DeliverAsync("[3,\"m1\",{\"status\":\"Accepted\",\"currentTime\":\"2026-01-05T08:00:00Z\",\"interval\":300}]");
        var outcome = await call;

        Assert.Equal("[2,\"m1\",\"BootNotification\",{\"chargePointVendor\":\"Evse\",\"chargePointModel\":\"Pi\"}]", sent);
        Assert.True(outcome.IsConfirmed);
        Assert.Equal(RegistrationStatus.Accepted, outcome.Confirmation!.Status);
        Assert.Equal(300, outcome.Confirmation.Interval);
    }

    [Fact]
    public async Task CallAsync_NoAnswerWithinTimeout_TimesOutAndLateAnswerIsIgnored()
    {
        await using var h = await RpcHarness.StartAsync();

        var call = h.Dispatcher.CallAsync(new HeartbeatRequest(), CancellationToken.None);
        await h.NextSentAsync();
        await h.WaitForTimerAsync();
        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await call;
        await h.DeliverAsync("[3,\"m1\",{\"currentTime\":\"2026-01-05T08:00:00Z\"}]");

        Assert.Equal(OcppCallStatus.Timeout, outcome.Status);
        Assert.Contains(4102, h.Logger.EventIds(LogLevel.Warning));
        Assert.False(h.TryReadSent(out _));
    }

    [Fact]
    public async Task CallAsync_TwoCalls_SecondIsSentOnlyAfterFirstIsAnswered()
    {
        await using var h = await RpcHarness.StartAsync();

        var first = h.Dispatcher.CallAsync(new HeartbeatRequest(), CancellationToken.None);
        var second = h.Dispatcher.CallAsync(Boot, CancellationToken.None);
        var firstFrame = await h.NextSentAsync();
        await Task.Yield();
        Assert.False(h.TryReadSent(out _));
        await h.DeliverAsync("[3,\"m1\",{\"currentTime\":\"2026-01-05T08:00:00Z\"}]");
        var secondFrame = await h.NextSentAsync();
        await h.DeliverAsync("[3,\"m2\",{\"status\":\"Pending\",\"currentTime\":\"2026-01-05T08:00:00Z\",\"interval\":10}]");

        Assert.StartsWith("[2,\"m1\",\"Heartbeat\"", firstFrame, StringComparison.Ordinal);
        Assert.StartsWith("[2,\"m2\",\"BootNotification\"", secondFrame, StringComparison.Ordinal);
        Assert.True((await first).IsConfirmed);
        Assert.Equal(RegistrationStatus.Pending, (await second).Confirmation!.Status);
    }

    [Fact]
    public async Task CallAsync_ManyQueuedCalls_AreSentInCallOrder()
    {
        await using var h = await RpcHarness.StartAsync();

        var calls = Enumerable.Range(0, 20)
            .Select(i => h.Dispatcher.CallAsync(new DataTransferRequest { VendorId = "v", MessageId = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, CancellationToken.None))
            .ToList();
        var order = new List<string>();
        for (var i = 1; i <= 20; i++)
        {
            var frame = await h.NextSentAsync();
            order.Add(frame);
            await h.DeliverAsync($"[3,\"m{i}\",{{\"status\":\"Accepted\"}}]");
        }

        await Task.WhenAll(calls);
        for (var i = 0; i < 20; i++)
        {
            Assert.Contains($"\"messageId\":\"{i}\"", order[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CallAsync_Disconnect_FailsPendingAndQueuedCalls()
    {
        await using var h = await RpcHarness.StartAsync();

        var pending = h.Dispatcher.CallAsync(new HeartbeatRequest(), CancellationToken.None);
        var queued = h.Dispatcher.CallAsync(Boot, CancellationToken.None);
        await h.NextSentAsync();
        await h.Transport.SetOnlineAsync(false);
        await h.Transport.SetOnlineAsync(true);

        Assert.Equal(OcppCallStatus.Disconnected, (await pending).Status);
        Assert.Equal(OcppCallStatus.Disconnected, (await queued).Status);
        Assert.False(h.TryReadSent(out _));
    }

    [Fact]
    public async Task CallAsync_WhileOffline_FailsAtOnceWithoutSending()
    {
        await using var h = await RpcHarness.StartAsync(online: false);

        var outcome = await h.Dispatcher.CallAsync(new HeartbeatRequest(), CancellationToken.None);

        Assert.Equal(OcppCallStatus.Disconnected, outcome.Status);
        Assert.Empty(h.Transport.SentLog);
    }

    [Fact]
    public async Task CallAsync_CallError_ReturnsCodeAndDescription()
    {
        await using var h = await RpcHarness.StartAsync();

        var call = h.Dispatcher.CallAsync(new HeartbeatRequest(), CancellationToken.None);
        await h.NextSentAsync();
        await h.DeliverAsync("[4,\"m1\",\"SecurityError\",\"not accepted yet\",{}]");
        var outcome = await call;

        Assert.Equal(OcppCallStatus.CallError, outcome.Status);
        Assert.Equal(OcppErrorCode.SecurityError, outcome.ErrorCode);
        Assert.Equal("not accepted yet", outcome.ErrorDescription);
    }

    [Fact]
    public async Task CallAsync_ConfirmationBreaksSchema_ReturnsInvalidConfirmation()
    {
        await using var h = await RpcHarness.StartAsync();

        var call = h.Dispatcher.CallAsync(new AuthorizeRequest { IdTag = "CARD" }, CancellationToken.None);
        await h.NextSentAsync();
        await h.DeliverAsync("[3,\"m1\",{\"idTagInfo\":{\"status\":\"Maybe\"}}]");
        var outcome = await call;

        Assert.Equal(OcppCallStatus.InvalidConfirmation, outcome.Status);
        Assert.Equal(OcppErrorCode.PropertyConstraintViolation, outcome.ErrorCode);
        Assert.Contains("/idTagInfo/status", outcome.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_OurRequestBreaksSchema_IsNotSentAndLoggedAsError()
    {
        await using var h = await RpcHarness.StartAsync();
        h.ExpectedErrors.Add(4106);

        var outcome = await h.Dispatcher.CallAsync(new AuthorizeRequest { IdTag = new string('x', 21) }, CancellationToken.None);

        Assert.Equal(OcppCallStatus.InvalidRequest, outcome.Status);
        Assert.Empty(h.Transport.SentLog);
        Assert.Contains(4106, h.Logger.EventIds(LogLevel.Error));
    }

    [Fact]
    public async Task CallAsync_CentralSystemOnlyAction_IsRefusedWithoutSending()
    {
        await using var h = await RpcHarness.StartAsync();
        h.ExpectedErrors.Add(4106);

        var outcome = await h.Dispatcher.CallAsync(new ResetRequest { Type = ResetType.Hard }, CancellationToken.None);

        Assert.Equal(OcppCallStatus.InvalidRequest, outcome.Status);
        Assert.Empty(h.Transport.SentLog);
    }

    [Fact]
    public async Task OnMessage_ResultWithUnknownId_IsIgnoredAndPendingCallStillMatches()
    {
        await using var h = await RpcHarness.StartAsync();

        var call = h.Dispatcher.CallAsync(new HeartbeatRequest(), CancellationToken.None);
        await h.NextSentAsync();
        await h.DeliverAsync("[3,\"nope\",{\"currentTime\":\"2026-01-05T08:00:00Z\"}]");
        await h.DeliverAsync("[4,\"nope\",\"GenericError\",\"\",{}]");
        Assert.False(call.IsCompleted);
        await h.DeliverAsync("[3,\"m1\",{\"currentTime\":\"2026-01-05T09:00:00Z\"}]");

        Assert.True((await call).IsConfirmed);
        Assert.Equal(2, h.Logger.EventIds(LogLevel.Warning).Count(id => id == 4102));
        Assert.Empty(h.Transport.SentLog.Skip(1));
    }

    [Fact]
    public async Task CallAsync_Cancelled_ThrowsAndFreesTheSlot()
    {
        await using var h = await RpcHarness.StartAsync();
        using var cancel = new CancellationTokenSource();

        var call = h.Dispatcher.CallAsync(new HeartbeatRequest(), cancel.Token);
        await h.NextSentAsync();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var next = h.Dispatcher.CallAsync(new HeartbeatRequest(), CancellationToken.None);
        var frame = await h.NextSentAsync();
        await h.DeliverAsync("[3,\"m2\",{\"currentTime\":\"2026-01-05T08:00:00Z\"}]");

        Assert.StartsWith("[2,\"m2\"", frame, StringComparison.Ordinal);
        Assert.True((await next).IsConfirmed);
    }
}
