using Evse.Core.Charging;
using Evse.Core.Station;

namespace Evse.Ocpp.Tests.ChargePoint;

public sealed class StatusNotificationTests
{
    private static readonly DateTimeOffset T0 = ChargePointHarness.Start;

    private static ConnectorStatusChanged Status(int connectorId, int seconds, ChargePointStatus status, ChargePointErrorCode error = ChargePointErrorCode.NoError) =>
        new(connectorId, T0.AddSeconds(seconds), status, error, null);

    [Fact]
    public async Task MinimumStatusDuration_NewerChangeWithinHold_OnlyLastOneSentAfterHold()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MinimumStatusDuration", "10");

        h.Service.Publish(Status(1, 0, ChargePointStatus.Preparing));
        h.Time.Advance(TimeSpan.FromSeconds(5));
        h.Service.Publish(Status(1, 5, ChargePointStatus.Charging));
        h.Time.Advance(TimeSpan.FromSeconds(5));

        // Preparing's hold ended, but Charging replaced it; Charging's own hold ends 10 s after its timestamp.
        Assert.False(h.TryReadSent(out var early), "Sent before the hold: " + early);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(
            """{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"2026-03-01T08:00:05Z"}""",
            await h.ExpectAsync("StatusNotification", "{}"));
    }

    [Fact]
    public async Task MinimumStatusDuration_BackToReportedStatusWithinHold_NothingSent()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MinimumStatusDuration", "10");

        h.Service.Publish(Status(1, 0, ChargePointStatus.Preparing));
        h.Time.Advance(TimeSpan.FromSeconds(2));
        h.Service.Publish(Status(1, 2, ChargePointStatus.Available));
        h.Time.Advance(TimeSpan.FromSeconds(20));

        // A Faulted status goes at once and is the next frame: the flicker produced nothing before it.
        h.Service.Publish(Status(1, 22, ChargePointStatus.Faulted, ChargePointErrorCode.GroundFailure));
        Assert.Equal(
            """{"connectorId":1,"errorCode":"GroundFailure","status":"Faulted","timestamp":"2026-03-01T08:00:22Z"}""",
            await h.ExpectAsync("StatusNotification", "{}"));
    }

    [Fact]
    public async Task MinimumStatusDuration_Faulted_SentAtOnceAndCancelsPendingStatus()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MinimumStatusDuration", "60");

        h.Service.Publish(Status(1, 0, ChargePointStatus.Preparing));
        h.Service.Publish(Status(1, 0, ChargePointStatus.Faulted, ChargePointErrorCode.HighTemperature));
        Assert.Contains("\"status\":\"Faulted\"", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);

        h.Time.Advance(TimeSpan.FromSeconds(60));
        h.Service.Publish(Status(1, 61, ChargePointStatus.Faulted, ChargePointErrorCode.GroundFailure));
        Assert.Contains("\"errorCode\":\"GroundFailure\"", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorZero_EveryConnectorUnavailable_ReportedUnavailableThenAvailableAgain()
    {
        await using var h = new ChargePointHarness(connectors: 2);
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MinimumStatusDuration", "0");

        h.Service.Publish(Status(1, 1, ChargePointStatus.Unavailable));
        Assert.Contains("\"connectorId\":1", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);
        h.Service.Publish(Status(2, 2, ChargePointStatus.Unavailable));
        Assert.Contains("\"connectorId\":2", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);
        Assert.Equal(
            """{"connectorId":0,"errorCode":"NoError","status":"Unavailable","timestamp":"2026-03-01T08:00:02Z"}""",
            await h.ExpectAsync("StatusNotification", "{}"));

        h.Service.Publish(Status(1, 3, ChargePointStatus.Available));
        Assert.Contains("\"connectorId\":1", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);
        Assert.Equal(
            """{"connectorId":0,"errorCode":"NoError","status":"Available","timestamp":"2026-03-01T08:00:03Z"}""",
            await h.ExpectAsync("StatusNotification", "{}"));
    }
}
