using Evse.Core.Charging;
using Evse.Core.Ports;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Reservation;
using Microsoft.Extensions.Logging.Abstractions;
using CoreReservation = Evse.Core.Authorization.Reservation;

namespace Evse.Ocpp.Tests.Reservation;

public sealed class ReservationAuthorizerTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static async Task<ProfilesHarness> BootedAsync(int connectors)
    {
        var h = new ProfilesHarness(connectors);
        await h.BootAcceptedAsync();
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("SendLocalList", """
            {"listVersion":1,"updateType":"Full","localAuthorizationList":[
              {"idTag":"OWNER","idTagInfo":{"status":"Accepted","parentIdTag":"FLEET"}},
              {"idTag":"CHILD","idTagInfo":{"status":"Accepted","parentIdTag":"FLEET"}},
              {"idTag":"STRANGER","idTagInfo":{"status":"Accepted","parentIdTag":"OTHERS"}}]}
            """));
        return h;
    }

    [Fact]
    public async Task Authorize_ReservedConnectorAndIdWithReservationsParent_AcceptedAndReservationHandedOver()
    {
        await using var h = await BootedAsync(connectors: 1);
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("ReserveNow", """{"connectorId":1,"expiryDate":"2026-03-01T09:00:00Z","idTag":"OWNER","parentIdTag":"FLEET","reservationId":7}"""));

        var outcome = await h.Authorizer.AuthorizeAsync(1, "CHILD", CancellationToken.None);

        Assert.Equal(new AuthorizationOutcome(AuthorizationStatus.Accepted, "LocalList", "FLEET"), outcome);
        Assert.Equal((1, (ConnectorEvent)new ReservationChanged(new CoreReservation(7, 1, "CHILD", "FLEET", Expiry))), h.Station.Posted[^1]);
    }

    [Fact]
    public async Task Authorize_HolderAfterHandOverToGroupMember_ConnectorGetsTheHoldersCopyBack()
    {
        await using var h = await BootedAsync(connectors: 1);
        await h.CallAsync("ReserveNow", """{"connectorId":1,"expiryDate":"2026-03-01T09:00:00Z","idTag":"OWNER","parentIdTag":"FLEET","reservationId":7}""");
        await h.Authorizer.AuthorizeAsync(1, "CHILD", CancellationToken.None);

        var outcome = await h.Authorizer.AuthorizeAsync(1, "OWNER", CancellationToken.None);

        Assert.True(outcome.Accepted);
        Assert.Equal((1, (ConnectorEvent)new ReservationChanged(new CoreReservation(7, 1, "OWNER", "FLEET", Expiry))), h.Station.Posted[^1]);
    }

    [Fact]
    public async Task Authorize_ReservedConnectorAndIdWithOtherParent_RefusedByReservation()
    {
        await using var h = await BootedAsync(connectors: 1);
        await h.CallAsync("ReserveNow", """{"connectorId":1,"expiryDate":"2026-03-01T09:00:00Z","idTag":"OWNER","parentIdTag":"FLEET","reservationId":7}""");
        var posted = h.Station.Posted.Count;

        var outcome = await h.Authorizer.AuthorizeAsync(1, "STRANGER", CancellationToken.None);

        Assert.Equal(new AuthorizationOutcome(AuthorizationStatus.Invalid, ReservationService.RefusalSource), outcome);
        Assert.Equal(posted, h.Station.Posted.Count);
    }

    [Fact]
    public async Task Authorize_ParentKnownOnlyFromAuthorizeConfWithCacheDisabled_Accepted()
    {
        await using var h = new ProfilesHarness(connectors: 1);
        await h.BootAcceptedAsync();
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("ChangeConfiguration", """{"key":"AuthorizationCacheEnabled","value":"false"}"""));
        await h.CallAsync("ReserveNow", """{"connectorId":1,"expiryDate":"2026-03-01T09:00:00Z","idTag":"OWNER","parentIdTag":"FLEET","reservationId":7}""");

        var authorizing = h.Authorizer.AuthorizeAsync(1, "CHILD", CancellationToken.None);
        var request = await h.ExpectAsync("Authorize", """{"idTagInfo":{"status":"Accepted","parentIdTag":"FLEET"}}""");
        var outcome = await authorizing;

        Assert.Equal("""{"idTag":"CHILD"}""", request);
        Assert.Equal(new AuthorizationOutcome(AuthorizationStatus.Accepted, OcppAuthorizer.CentralSystemSource, "FLEET"), outcome);
    }

    [Fact]
    public async Task Authorize_InnerRefuses_InnerAnswerKept()
    {
        await using var h = new ProfilesHarness(connectors: 1);
        await h.BootAcceptedAsync();
        await h.CallAsync("ReserveNow", """{"connectorId":1,"expiryDate":"2026-03-01T09:00:00Z","idTag":"OWNER","reservationId":7}""");

        var authorizing = h.Authorizer.AuthorizeAsync(1, "OWNER", CancellationToken.None);
        await h.ExpectAsync("Authorize", """{"idTagInfo":{"status":"Blocked"}}""");

        Assert.Equal(new AuthorizationOutcome(AuthorizationStatus.Blocked, OcppAuthorizer.CentralSystemSource), await authorizing);
    }

    [Fact]
    public async Task Authorize_ConnectorZeroReservationAndLastFreeConnector_OnlyTheHolderOrItsGroupMayTakeIt()
    {
        await using var h = await BootedAsync(connectors: 2);
        await h.CallAsync("ReserveNow", """{"connectorId":0,"expiryDate":"2026-03-01T09:00:00Z","idTag":"OWNER","parentIdTag":"FLEET","reservationId":7}""");
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 3, true));

        Assert.False((await h.Authorizer.AuthorizeAsync(2, "STRANGER", CancellationToken.None)).Accepted);
        Assert.True((await h.Authorizer.AuthorizeAsync(2, "OWNER", CancellationToken.None)).Accepted);
        Assert.True((await h.Authorizer.AuthorizeAsync(2, "CHILD", CancellationToken.None)).Accepted);
    }

    [Fact]
    public async Task Authorize_ConnectorZeroReservationAndTwoFreeConnectors_OthersMayStillCharge()
    {
        await using var h = await BootedAsync(connectors: 2);
        await h.CallAsync("ReserveNow", """{"connectorId":0,"expiryDate":"2026-03-01T09:00:00Z","idTag":"OWNER","reservationId":7}""");

        Assert.True((await h.Authorizer.AuthorizeAsync(2, "STRANGER", CancellationToken.None)).Accepted);
        Assert.Empty(h.Station.Posted);
    }

    [Fact]
    public async Task Authorize_OtherConnectorReserved_NotAffected()
    {
        await using var h = await BootedAsync(connectors: 3);
        await h.CallAsync("ReserveNow", """{"connectorId":1,"expiryDate":"2026-03-01T09:00:00Z","idTag":"OWNER","reservationId":7}""");

        Assert.True((await h.Authorizer.AuthorizeAsync(2, "STRANGER", CancellationToken.None)).Accepted);
    }

    [Fact]
    public async Task Restore_StoredReservationsAfterRestart_ConnectorReservationPostedAndExpiredDropped()
    {
        var store = new InMemoryReservationStore();
        store.Save(new CoreReservation(7, 2, "OWNER", null, Expiry));
        store.Save(new CoreReservation(8, 0, "OTHER", null, Expiry));
        store.Save(new CoreReservation(9, 1, "LATE", null, ProfilesHarness.Start.AddSeconds(-1)));
        var station = new Evse.Ocpp.Tests.ChargePoint.FakeStation(2);
        var configuration = new ConfigurationService(new Evse.Ocpp.Tests.Configuration.InMemorySettingsStore(), NullLogger<ConfigurationService>.Instance);
        var service = new ReservationService(store, station, configuration, _ => null, new Evse.Testing.FakeTimeProvider(ProfilesHarness.Start), NullLogger<ReservationService>.Instance);

        service.Restore();

        Assert.Equal((2, (ConnectorEvent)new ReservationChanged(new CoreReservation(7, 2, "OWNER", null, Expiry))), Assert.Single(station.Posted));
        Assert.Equal([7, 8], store.Load().Select(r => r.ReservationId));
    }
}
