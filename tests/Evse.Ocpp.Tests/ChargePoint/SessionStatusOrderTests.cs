using Evse.Core.Charging;
using Evse.Core.Station;
using Evse.Ocpp.ChargePoint;

namespace Evse.Ocpp.Tests.ChargePoint;

/// <summary>Audit item 6: a connector's StatusNotification never overtakes its session's StartTransaction or StopTransaction.</summary>
public sealed class SessionStatusOrderTests
{
    private static readonly DateTimeOffset T0 = ChargePointHarness.Start;

    private static ConnectorStatusChanged Status(int seconds, ChargePointStatus status) =>
        new(1, T0.AddSeconds(seconds), status, ChargePointErrorCode.NoError, null);

    [Fact]
    public async Task SessionStart_StatusChargingRightAfter_StartTransactionFirstThenStatus()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MinimumStatusDuration", "0");

        h.Service.Publish(new SessionStarted(1, T0.AddSeconds(1), 42, "CARD1", 100));
        h.Service.Publish(Status(1, ChargePointStatus.Charging));

        await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Accepted"},"transactionId":7}""");
        Assert.Equal(
            """{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"2026-03-01T08:00:01Z"}""",
            await h.ExpectAsync("StatusNotification", "{}"));
    }

    [Fact]
    public async Task SessionEnd_StatusFinishingRightAfter_StopTransactionFirstThenStatus()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MinimumStatusDuration", "0");
        h.Service.Publish(new SessionStarted(1, T0.AddSeconds(1), 42, "CARD1", 100));
        await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Accepted"},"transactionId":7}""");

        h.Service.Publish(new SessionEnded(1, T0.AddSeconds(2), 42, "CARD1", 200, StopReason.Local));
        h.Service.Publish(Status(2, ChargePointStatus.Finishing));

        Assert.Contains("\"transactionId\":7", await h.ExpectAsync("StopTransaction", """{"idTagInfo":{"status":"Accepted"}}"""), StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Finishing\"", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionStart_StartTransactionNeverAnswered_StatusSentWhenHoldEnds()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MinimumStatusDuration", "0");

        h.Service.Publish(new SessionStarted(1, T0.AddSeconds(1), 42, "CARD1", 100));
        h.Service.Publish(Status(1, ChargePointStatus.Charging));
        var (_, action, _) = await h.NextCallAsync();
        Assert.Equal("StartTransaction", action);

        // The Central System stays silent: the hold ends after its bound, not with the call's timeout.
        await h.WaitForTimersAsync(2);
        h.Time.Advance(ChargePointService.StatusHoldForTransactionMessage);
        Assert.Contains("\"status\":\"Charging\"", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusWithoutSession_NoTransactionMessagePending_SentAtOnce()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MinimumStatusDuration", "0");

        h.Service.Publish(Status(1, ChargePointStatus.Preparing));
        Assert.Contains("\"status\":\"Preparing\"", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionStart_SeveralTransitionsWhileHeld_AllSentInOrderAfterStartTransaction()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MinimumStatusDuration", "0");

        h.Service.Publish(new SessionStarted(1, T0.AddSeconds(1), 42, "CARD1", 100));
        h.Service.Publish(Status(1, ChargePointStatus.SuspendedEVSE));
        h.Service.Publish(Status(1, ChargePointStatus.SuspendedEV));
        h.Service.Publish(Status(1, ChargePointStatus.Charging));

        await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Accepted"},"transactionId":7}""");
        Assert.Contains("\"status\":\"SuspendedEVSE\"", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);
        Assert.Contains("\"status\":\"SuspendedEV\"", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Charging\"", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);
    }
}
