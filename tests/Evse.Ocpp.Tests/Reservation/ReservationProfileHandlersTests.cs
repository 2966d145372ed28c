using Evse.Core.Charging;
using Evse.Core.Station;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using CoreReservation = Evse.Core.Authorization.Reservation;
using Evse.Testing;

namespace Evse.Ocpp.Tests.Reservation;

public sealed class ReservationProfileHandlersTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static string Reserve(int reservationId, int connectorId, string idTag, string? parent = null, string expiry = "2026-03-01T09:00:00Z") =>
        parent is null
            ? $$"""{"connectorId":{{connectorId}},"expiryDate":"{{expiry}}","idTag":"{{idTag}}","reservationId":{{reservationId}}}"""
            : $$"""{"connectorId":{{connectorId}},"expiryDate":"{{expiry}}","idTag":"{{idTag}}","parentIdTag":"{{parent}}","reservationId":{{reservationId}}}""";

    private static ChargePointConnector Connector(int id, ChargePointStatus status, long? record = null) =>
        new(id, status, ChargePointErrorCode.NoError, record, true);

    [Fact]
    public async Task ReserveNow_AvailableConnector_AcceptedAndConnectorHeld()
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1", "FLEET")));

        var expected = new CoreReservation(7, 1, "CARD1", "FLEET", Expiry);
        Assert.Equal((1, (ConnectorEvent)new ReservationChanged(expected)), Assert.Single(h.Station.Posted));
        Assert.Equal([expected], h.Store.Load());
    }

    [Theory]
    [InlineData(ChargePointStatus.Faulted, "Faulted")]
    [InlineData(ChargePointStatus.Unavailable, "Unavailable")]
    [InlineData(ChargePointStatus.Preparing, "Occupied")]
    [InlineData(ChargePointStatus.Finishing, "Occupied")]
    [InlineData(ChargePointStatus.SuspendedEV, "Occupied")]
    public async Task ReserveNow_ConnectorNotAvailable_AnswersItsStatusAndHoldsNothing(ChargePointStatus status, string expected)
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();
        h.Station.Set(Connector(1, status));

        Assert.Equal($$"""{"status":"{{expected}}"}""", await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1")));
        Assert.Empty(h.Station.Posted);
        Assert.Empty(h.Reservations.Active);
    }

    [Fact]
    public async Task ReserveNow_ConnectorCharging_Occupied()
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();
        h.Station.Set(Connector(1, ChargePointStatus.Charging, 12));

        Assert.Equal("""{"status":"Occupied"}""", await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1")));
    }

    [Fact]
    public async Task ReserveNow_ConnectorHeldByAnotherReservation_Occupied()
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();
        await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1"));

        Assert.Equal("""{"status":"Occupied"}""", await h.CallAsync("ReserveNow", Reserve(8, 1, "CARD2")));
        Assert.Equal([7], h.Reservations.Active.Select(r => r.ReservationId));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public async Task ReserveNow_NoSuchConnector_Rejected(int connectorId)
    {
        await using var h = new ProfilesHarness(connectors: 2);
        await h.BootAcceptedAsync();

        Assert.Equal("""{"status":"Rejected"}""", await h.CallAsync("ReserveNow", Reserve(7, connectorId, "CARD1")));
    }

    [Fact]
    public async Task ReserveNow_ExpiryAlreadyPast_Rejected()
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();

        Assert.Equal("""{"status":"Rejected"}""", await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1", expiry: "2026-03-01T07:59:59Z")));
    }

    [Fact]
    public async Task ReserveNow_SameReservationIdOnOtherConnector_ReplacesAndReleasesTheFirst()
    {
        await using var h = new ProfilesHarness(connectors: 2);
        await h.BootAcceptedAsync();
        await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1"));
        h.Station.Set(Connector(1, ChargePointStatus.Reserved));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("ReserveNow", Reserve(7, 2, "CARD2", expiry: "2026-03-01T10:00:00Z")));

        var replacement = new CoreReservation(7, 2, "CARD2", null, Expiry.AddHours(1));
        Assert.Equal(
            [(1, new ReservationChanged(null)), (2, (ConnectorEvent)new ReservationChanged(replacement))],
            h.Station.Posted.Skip(1));
        Assert.Equal([replacement], h.Reservations.Active);
    }

    [Fact]
    public async Task ReserveNow_SameReservationIdSameConnector_ReplacesIdTagAndExpiry()
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();
        await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1"));
        h.Station.Set(Connector(1, ChargePointStatus.Reserved));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD9", expiry: "2026-03-01T08:30:00Z")));
        Assert.Equal([new CoreReservation(7, 1, "CARD9", null, Expiry.AddMinutes(-30))], h.Reservations.Active);
    }

    [Fact]
    public async Task ReserveNow_ReplacementRefused_FirstReservationKept()
    {
        await using var h = new ProfilesHarness(connectors: 2);
        await h.BootAcceptedAsync();
        await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1"));
        h.Station.Set(Connector(2, ChargePointStatus.Faulted));

        Assert.Equal("""{"status":"Faulted"}""", await h.CallAsync("ReserveNow", Reserve(7, 2, "CARD1")));
        Assert.Equal([new CoreReservation(7, 1, "CARD1", null, Expiry)], h.Reservations.Active);
    }

    [Fact]
    public async Task ReserveNow_ConnectorZeroNotSupported_Rejected()
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();
        Assert.True(h.Configuration.TryChange(OcppConfigurationKeys.ReserveConnectorZeroSupported, "false", ConfigurationChangeOrigin.Station).Applied);

        Assert.Equal("""{"status":"Rejected"}""", await h.CallAsync("ReserveNow", Reserve(7, 0, "CARD1")));
        Assert.Empty(h.Reservations.Active);
    }

    [Fact]
    public async Task ReserveNow_ConnectorZero_AcceptedWithoutHoldingAConnector()
    {
        await using var h = new ProfilesHarness(connectors: 2);
        await h.BootAcceptedAsync();

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("ReserveNow", Reserve(7, 0, "CARD1")));
        Assert.Empty(h.Station.Posted);
        Assert.Equal([new CoreReservation(7, 0, "CARD1", null, Expiry)], h.Reservations.Active);
    }

    [Fact]
    public async Task ReserveNow_ConnectorZeroWhenEveryFreeConnectorIsHeld_Occupied()
    {
        await using var h = new ProfilesHarness(connectors: 3);
        await h.BootAcceptedAsync();
        h.Station.Set(Connector(1, ChargePointStatus.Charging, 4));
        await h.CallAsync("ReserveNow", Reserve(7, 2, "CARD1"));
        h.Station.Set(Connector(2, ChargePointStatus.Reserved));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("ReserveNow", Reserve(8, 0, "CARD2")));
        Assert.Equal("""{"status":"Occupied"}""", await h.CallAsync("ReserveNow", Reserve(9, 0, "CARD3")));
    }

    [Theory]
    [InlineData(ChargePointStatus.Faulted, ChargePointStatus.Faulted, "Faulted")]
    [InlineData(ChargePointStatus.Unavailable, ChargePointStatus.Unavailable, "Unavailable")]
    [InlineData(ChargePointStatus.Faulted, ChargePointStatus.Unavailable, "Unavailable")]
    [InlineData(ChargePointStatus.Charging, ChargePointStatus.Faulted, "Occupied")]
    public async Task ReserveNow_ConnectorZeroStationOutOfService_AnswersStationStatus(ChargePointStatus first, ChargePointStatus second, string expected)
    {
        await using var h = new ProfilesHarness(connectors: 2);
        await h.BootAcceptedAsync();
        h.Station.Set(Connector(1, first, first == ChargePointStatus.Charging ? 3 : null));
        h.Station.Set(Connector(2, second));

        Assert.Equal($$"""{"status":"{{expected}}"}""", await h.CallAsync("ReserveNow", Reserve(7, 0, "CARD1")));
    }

    [Fact]
    public async Task CancelReservation_Existing_AcceptedAndConnectorReleased()
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();
        await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1"));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("CancelReservation", """{"reservationId":7}"""));
        Assert.Equal((1, (ConnectorEvent)new ReservationChanged(null)), h.Station.Posted[^1]);
        Assert.Empty(h.Store.Load());
        Assert.Equal("""{"status":"Rejected"}""", await h.CallAsync("CancelReservation", """{"reservationId":7}"""));
    }

    [Fact]
    public async Task CancelReservation_Unknown_Rejected()
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();

        Assert.Equal("""{"status":"Rejected"}""", await h.CallAsync("CancelReservation", """{"reservationId":99}"""));
        Assert.Empty(h.Station.Posted);
    }

    [Fact]
    public async Task CancelReservation_AfterExpiry_RejectedAndStoreForgotIt()
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();
        await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1", expiry: "2026-03-01T08:04:00Z"));

        // Exactly at the expiry (and before the first heartbeat is due).
        h.Time.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal("""{"status":"Rejected"}""", await h.CallAsync("CancelReservation", """{"reservationId":7}"""));
        Assert.Empty(h.Store.Load());
    }

    [Fact]
    public async Task StartTransaction_SessionOnReservedConnector_CarriesReservationIdOnce()
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();
        await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1"));

        h.Service.Publish(new SessionStarted(1, ProfilesHarness.Start.AddMinutes(5), 40, "CARD1", 1000));
        var start = await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Accepted"},"transactionId":5}""");

        Assert.Equal("""{"connectorId":1,"idTag":"CARD1","meterStart":1000,"reservationId":7,"timestamp":"2026-03-01T08:05:00Z"}""", start);
        Assert.Empty(h.Reservations.Active);
        Assert.Equal(7, h.Reservations.ReservationIdOf(new SessionStarted(1, ProfilesHarness.Start.AddMinutes(5), 40, "CARD1", 1000)));
        Assert.Null(h.Reservations.ReservationIdOf(new SessionStarted(1, ProfilesHarness.Start.AddMinutes(9), 41, "CARD1", 1000)));
    }

    [Fact]
    public async Task StartTransaction_NoReservation_HasNoReservationId()
    {
        await using var h = new ProfilesHarness();
        await h.BootAcceptedAsync();

        h.Service.Publish(new SessionStarted(1, ProfilesHarness.Start, 40, "CARD1", 0));
        var start = await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Accepted"},"transactionId":5}""");

        Assert.Equal("""{"connectorId":1,"idTag":"CARD1","meterStart":0,"timestamp":"2026-03-01T08:00:00Z"}""", start);
    }

    [Fact]
    public async Task StartTransaction_ConnectorZeroReservationUsedByChildTag_CarriesReservationId()
    {
        await using var h = new ProfilesHarness(connectors: 2);
        await h.BootAcceptedAsync();
        await h.CallAsync("SendLocalList", """{"listVersion":1,"updateType":"Full","localAuthorizationList":[{"idTag":"CHILD","idTagInfo":{"status":"Accepted","parentIdTag":"FLEET"}}]}""");
        await h.CallAsync("ReserveNow", Reserve(7, 0, "OWNER", "FLEET"));

        h.Service.Publish(new SessionStarted(2, ProfilesHarness.Start, 40, "CHILD", 0));
        var start = await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Accepted"},"transactionId":5}""");

        Assert.Contains("\"reservationId\":7", start, StringComparison.Ordinal);
        Assert.Empty(h.Reservations.Active);
    }

    [Fact]
    public async Task StatusChanged_ReservedConnectorFaults_ReservationEndsAndConnectorReleased()
    {
        await using var h = new ProfilesHarness(connectors: 2);
        await h.BootAcceptedAsync();
        await h.CallAsync("ReserveNow", Reserve(7, 1, "CARD1"));
        await h.CallAsync("ReserveNow", Reserve(8, 2, "CARD2"));
        h.Station.Set(Connector(1, ChargePointStatus.Faulted));

        h.Reservations.Publish(new ConnectorStatusChanged(1, ProfilesHarness.Start, ChargePointStatus.Faulted, ChargePointErrorCode.GroundFailure, null));
        await RealClockWait.UntilAsync(() => h.Reservations.Active.Count != 2);

        Assert.Equal([8], h.Reservations.Active.Select(r => r.ReservationId));
        Assert.Contains((1, (ConnectorEvent)new ReservationChanged(null)), h.Station.Posted);
    }

    [Fact]
    public async Task EndOnOutOfService_LastConnectorUnavailable_ConnectorZeroReservationEnds()
    {
        await using var h = new ProfilesHarness(connectors: 2);
        await h.BootAcceptedAsync();
        await h.CallAsync("ReserveNow", Reserve(7, 0, "CARD1"));
        h.Station.Set(Connector(1, ChargePointStatus.Unavailable));
        h.Reservations.EndOnOutOfService(1);
        Assert.Single(h.Reservations.Active);

        h.Station.Set(Connector(2, ChargePointStatus.Faulted));
        h.Reservations.EndOnOutOfService(2);

        Assert.Empty(h.Reservations.Active);
    }
}
