using Evse.Core.Charging;
using Evse.Core.Limits;
using Evse.Core.Measurements;
using Evse.Core.Station;
using Evse.Ocpp.ChargePoint;
using Evse.Testing;

namespace Evse.Ocpp.Tests.ChargePoint;

public sealed class InvalidIdTests
{
    private static readonly DateTimeOffset T0 = ChargePointHarness.Start;

    private static ConnectorMetered Reading(int seconds, double energyWh) =>
        new(1, T0.AddSeconds(seconds), 42, new MeterSample(PhaseValues.OnePhase(230), PhaseValues.OnePhase(16), PhaseValues.OnePhase(3680), energyWh, 50), default, 16);

    private static async Task<ChargePointHarness> StartedAsync(string stopOnInvalid, string maxEnergyWh, string startStatus = "Invalid")
    {
        var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("StopTransactionOnInvalidId", stopOnInvalid);
        h.Configuration.ChangeConfiguration("MaxEnergyOnInvalidId", maxEnergyWh);
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 42, true));
        h.Service.Publish(new SessionStarted(1, T0, 42, "CARD1", 1000));
        h.Service.Publish(Reading(1, 1000));
        await h.ExpectAsync("StartTransaction", $$"""{"idTagInfo":{"status":"{{startStatus}}"},"transactionId":9}""");

        // The service queues the delivered answer before the authorizer caches it (subscription order), so once the
        // cache has it, every event published from here on is handled after the answer.
        await UntilAsync(() => h.Cache.TryGet("CARD1", out var info) && info.Status.ToString() == startStatus);
        return h;
    }

    /// <summary>
    /// Waits, bounded on the real clock, until the event loop has done what <paramref name="done"/> checks; the callers
    /// assert the outcome after it.
    /// </summary>
    private static Task<bool> UntilAsync(Func<bool> done) => RealClockWait.UntilAsync(done);

    private static bool StopPosted(ChargePointHarness h) => h.Station.Connectors.Count > 0 && PostedStops(h).Any();

    private static IEnumerable<StopRequested> PostedStops(ChargePointHarness h)
    {
        lock (h.Station.Posted)
        {
            return [.. h.Station.Posted.Select(p => p.Event).OfType<StopRequested>()];
        }
    }

    [Fact]
    public async Task StartConfInvalid_StopOnInvalidIdAndNoEnergyAllowed_StopsWithDeAuthorizedAndCachesTag()
    {
        await using var h = await StartedAsync(stopOnInvalid: "true", maxEnergyWh: "0");

        await UntilAsync(() => StopPosted(h));
        Assert.Equal([new StopRequested(StopReason.DeAuthorized)], PostedStops(h));
        Assert.True(h.Cache.TryGet("CARD1", out var cached));
        Assert.Equal(Core.Ports.AuthorizationStatus.Invalid, cached.Status);
    }

    [Fact]
    public async Task StartConfBlocked_StopOnInvalidIdFalse_SuspendsWithZeroAmpsUntilSessionEnds()
    {
        await using var h = await StartedAsync(stopOnInvalid: "false", maxEnergyWh: "0", startStatus: "Blocked");

        await UntilAsync(() => h.Station.Limits.ContainsKey((1, LimitSource.Authorization)));
        Assert.Equal(0, h.Station.Limits[(1, LimitSource.Authorization)]!.Amps);
        Assert.Empty(PostedStops(h));

        h.Service.Publish(new SessionEnded(1, T0.AddMinutes(5), 42, "CARD1", 1000, StopReason.Local));
        await h.ExpectAsync("StopTransaction", "{}");
        await UntilAsync(() => h.Station.Limits[(1, LimitSource.Authorization)] is null);
        Assert.Null(h.Station.Limits[(1, LimitSource.Authorization)]);
    }

    [Fact]
    public async Task StartConfInvalid_MaxEnergyOnInvalidId_StopsOnlyOnceThatEnergyIsDelivered()
    {
        await using var h = await StartedAsync(stopOnInvalid: "true", maxEnergyWh: "500");

        h.Service.Publish(Reading(60, 1499));
        h.Service.Publish(Reading(120, 1499.9));
        // The status below goes through the same event queue, so once it is on the wire the readings were judged.
        h.Service.Publish(new ConnectorStatusChanged(1, T0.AddSeconds(120), ChargePointStatus.Faulted, ChargePointErrorCode.OtherError, null));
        await h.ExpectAsync("StatusNotification", "{}");
        Assert.Empty(PostedStops(h));

        h.Service.Publish(Reading(180, 1500));
        await UntilAsync(() => StopPosted(h));
        Assert.Equal([new StopRequested(StopReason.DeAuthorized)], PostedStops(h));
    }

    [Fact]
    public async Task StartConfAccepted_NothingPostedAndNoLimit()
    {
        await using var h = await StartedAsync(stopOnInvalid: "true", maxEnergyWh: "0", startStatus: "Accepted");

        h.Service.Publish(new ConnectorStatusChanged(1, T0, ChargePointStatus.Faulted, ChargePointErrorCode.OtherError, null));
        await h.ExpectAsync("StatusNotification", "{}");
        Assert.Empty(PostedStops(h));
        Assert.False(h.Station.Limits.ContainsKey((1, LimitSource.Authorization)));
    }

    [Theory]
    [InlineData("Blocked", true)]
    [InlineData("ConcurrentTx", false)]
    public async Task LaterAuthorizeOfSessionTag_NotAccepted_StopsSessionUnlessOnlyConcurrent(string status, bool stops)
    {
        await using var h = await StartedAsync(stopOnInvalid: "true", maxEnergyWh: "0", startStatus: "Accepted");
        h.Configuration.ChangeConfiguration("LocalPreAuthorize", "false");

        var authorize = h.Authorizer.AuthorizeAsync(1, "CARD1", CancellationToken.None);
        await h.ExpectAsync("Authorize", $$$"""{"idTagInfo":{"status":"{{{status}}}"}}""");
        await authorize;

        // Same event queue: once this status is on the wire the answer was judged.
        h.Service.Publish(new ConnectorStatusChanged(1, T0, ChargePointStatus.Faulted, ChargePointErrorCode.OtherError, null));
        await h.ExpectAsync("StatusNotification", "{}");
        await UntilAsync(() => !stops || StopPosted(h));
        Assert.Equal(stops, StopPosted(h));
    }
}
