using Evse.Core.Charging;
using Evse.Ocpp.ChargePoint;
using Evse.Testing;

namespace Evse.Ocpp.Tests.ChargePoint;

/// <summary>Audit items 2, 3 and 13: RemoteStartTransaction's answer, its Authorize order, reservations; Authorize failures.</summary>
public sealed class RemoteStartTests
{
    private static readonly DateTimeOffset T0 = ChargePointHarness.Start;

    private static Task<bool> WaitForPostedAsync(ChargePointHarness h, int count) =>
        RealClockWait.UntilAsync(() => h.Station.Posted.Count >= count);

    private static async Task NoAuthorizeAsync(ChargePointHarness h) =>
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("ChangeConfiguration", """{"key":"AuthorizeRemoteTxRequests","value":"false"}"""));

    [Fact]
    public async Task RemoteStart_AuthorizeRemoteTxRequests_AnswersFirstThenAuthorizesThenStarts()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        await h.Transport.DeliverAsync("""[2,"r1","RemoteStartTransaction",{"connectorId":1,"idTag":"TAG1"}]""");
        await h.Dispatcher.IncomingCallsDrained;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.Equal("""[3,"r1",{"status":"Accepted"}]""", await h.Transport.SentFrames.ReadAsync(timeout.Token));
        Assert.Equal("""{"idTag":"TAG1"}""", await h.ExpectAsync("Authorize", """{"idTagInfo":{"status":"Accepted"}}"""));
        await WaitForPostedAsync(h, 1);
        Assert.Equal((1, (ConnectorEvent)new StartRequested("TAG1")), Assert.Single(h.Station.Posted));
    }

    [Fact]
    public async Task RemoteStart_AuthorizeRemoteTxRequestsAndBlockedTag_AcceptedButNothingStarted()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("RemoteStartTransaction", """{"connectorId":1,"idTag":"BLOCKED"}"""));
        await h.ExpectAsync("Authorize", """{"idTagInfo":{"status":"Blocked"}}""");

        // The refusal is cached by the authorizer before it returns; then the start would be posted at once.
        Assert.True(await RealClockWait.UntilAsync(() => h.Cache.TryGet("BLOCKED", out _)), "the Blocked answer was never cached");

        // A window for a wrong post to show up (a negative check: a short wait only weakens it, never fails it).
        await RealClockWait.UntilAsync(() => h.Station.Posted.Count > 0, TimeSpan.FromMilliseconds(200));
        Assert.Empty(h.Station.Posted);
    }

    [Fact]
    public async Task RemoteStart_ReservedForAnotherTag_Rejected()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        await NoAuthorizeAsync(h);
        Assert.Equal(Evse.Ocpp.Messages.ReservationStatus.Accepted, h.Reservations.Reserve(5, 1, "HOLDER", null, T0.AddHours(1)));
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Reserved, ChargePointErrorCode.NoError, null, true));
        h.Station.Posted.Clear();

        Assert.Equal("""{"status":"Rejected"}""", await h.CallAsync("RemoteStartTransaction", """{"connectorId":1,"idTag":"OTHER"}"""));
        Assert.Empty(h.Station.Posted);
    }

    [Fact]
    public async Task RemoteStart_ReservedForThisTag_AcceptedAndStarted()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        await NoAuthorizeAsync(h);
        h.Reservations.Reserve(5, 1, "HOLDER", null, T0.AddHours(1));
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Reserved, ChargePointErrorCode.NoError, null, true));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("RemoteStartTransaction", """{"connectorId":1,"idTag":"HOLDER"}"""));
        Assert.Contains((1, (ConnectorEvent)new StartRequested("HOLDER")), h.Station.Posted);
    }

    [Fact]
    public async Task RemoteStart_NoConnectorAndTagHoldsReservation_PicksTheReservedConnector()
    {
        await using var h = new ChargePointHarness(connectors: 2);
        await h.BootAcceptedAsync();
        await NoAuthorizeAsync(h);
        h.Reservations.Reserve(5, 2, "HOLDER", null, T0.AddHours(1));
        h.Station.Set(new ChargePointConnector(2, ChargePointStatus.Reserved, ChargePointErrorCode.NoError, null, true));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("RemoteStartTransaction", """{"idTag":"HOLDER"}"""));
        Assert.Contains((2, (ConnectorEvent)new StartRequested("HOLDER")), h.Station.Posted);
        Assert.DoesNotContain(h.Station.Posted, p => p.Event is StartRequested && p.ConnectorId == 1);
    }

    [Fact]
    public async Task RemoteStart_ConnectorZeroReservationKeepsLastFreeConnector_OtherTagRejected()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        await NoAuthorizeAsync(h);
        h.Configuration.ChangeConfiguration("ReserveConnectorZeroSupported", "true");
        Assert.Equal(Evse.Ocpp.Messages.ReservationStatus.Accepted, h.Reservations.Reserve(6, 0, "HOLDER", null, T0.AddHours(1)));

        Assert.Equal("""{"status":"Rejected"}""", await h.CallAsync("RemoteStartTransaction", """{"connectorId":1,"idTag":"OTHER"}"""));
        Assert.Empty(h.Station.Posted);
    }

    [Theory]
    [InlineData("""[4,"{0}","InternalError","",{}]""")]
    [InlineData("""[3,"{0}",{"idTagInfo":{"status":"NoSuchStatus"}}]""")]
    public async Task Authorize_CentralSystemErrorWhileOnline_RefusedDespiteAllowOfflineTxForUnknownId(string answerFormat)
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        Assert.True(h.Configuration.GetBoolean("AllowOfflineTxForUnknownId"));

        var pending = h.Authorizer.AuthorizeAsync(1, "UNKNOWN", CancellationToken.None);
        var (id, action, _) = await h.NextCallAsync();
        Assert.Equal("Authorize", action);
        await h.Transport.DeliverAsync(answerFormat.Replace("{0}", id, StringComparison.Ordinal));

        var outcome = await pending;
        Assert.False(outcome.Accepted);
        Assert.Equal(OcppAuthorizer.CentralSystemSource, outcome.Source);
    }
}
