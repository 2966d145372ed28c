using Evse.Core.Authorization;
using Evse.Core.Ports;

namespace Evse.Core.Tests.Authorization;

public class SessionStopAndStartGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_SameCardAnyCase_Allowed()
    {
        Assert.Equal(StopVerdict.Allowed, SessionStopRule.Check("04a1b2", null, "04A1B2", null));
    }

    [Fact]
    public void Check_OtherCardSameParent_Allowed()
    {
        Assert.Equal(StopVerdict.Allowed, SessionStopRule.Check("A", "FLEET", "B", new IdTagInfo(AuthorizationStatus.Accepted, null, "fleet")));
    }

    [Fact]
    public void Check_OtherCardOtherParent_Denied()
    {
        Assert.Equal(StopVerdict.Denied, SessionStopRule.Check("A", "FLEET", "B", new IdTagInfo(AuthorizationStatus.Accepted, null, "OTHER")));
        Assert.Equal(StopVerdict.Denied, SessionStopRule.Check("A", null, "B", new IdTagInfo(AuthorizationStatus.Accepted, null, "FLEET")));
    }

    [Fact]
    public void Check_OtherCardParentUnknown_NeedsParent()
    {
        Assert.Equal(StopVerdict.NeedsParentIdTag, SessionStopRule.Check("A", "FLEET", "B", null));
    }

    private static StartRequest Request(int connector, string id, bool locked = false, int free = 2, params Reservation[] reservations) =>
        new(connector, id, null, locked, reservations, free);

    [Fact]
    public void Check_StationLocked_RefusesNewSession()
    {
        var verdict = StartGate.Check(Request(1, "A", locked: true), Now);
        Assert.False(verdict.Allowed);
        Assert.Contains("locked", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ConnectorReservedForAnother_RefusedUntilExpiry()
    {
        var r = new Reservation(7, 1, "OWNER", null, Now.AddMinutes(10));
        Assert.False(StartGate.Check(Request(1, "OTHER", reservations: r), Now).Allowed);
        Assert.True(StartGate.Check(Request(1, "OTHER", reservations: r), Now.AddMinutes(10)).Allowed);
        Assert.True(StartGate.Check(Request(2, "OTHER", reservations: r), Now).Allowed);
    }

    [Fact]
    public void Check_ReservedConnectorByOwnerOrParent_AllowedAndConsumes()
    {
        var r = new Reservation(7, 1, "OWNER", "FLEET", Now.AddMinutes(10));
        Assert.Equal(r, StartGate.Check(Request(1, "owner", reservations: r), Now).ConsumesReservation);
        Assert.True(StartGate.Check(new StartRequest(1, "OTHER", "FLEET", false, [r], 2), Now).Allowed);
    }

    [Fact]
    public void Check_ConnectorZeroReservation_KeepsTheLastFreeConnector()
    {
        var r = new Reservation(9, 0, "OWNER", null, Now.AddMinutes(10));
        Assert.True(StartGate.Check(Request(1, "OTHER", free: 2, reservations: r), Now).Allowed);
        Assert.False(StartGate.Check(Request(2, "OTHER", free: 1, reservations: r), Now).Allowed);
        var owner = StartGate.Check(Request(2, "OWNER", free: 1, reservations: r), Now);
        Assert.True(owner.Allowed);
        Assert.Equal(9, owner.ConsumesReservation!.ReservationId);
    }

    [Fact]
    public void ReservationFor_ActiveOwnReservation_IsReturned()
    {
        var r = new Reservation(7, 1, "OWNER", null, Now.AddMinutes(10));
        Assert.Equal(r, StartGate.ReservationFor(1, [r], Now));
        Assert.Null(StartGate.ReservationFor(1, [r], Now.AddMinutes(11)));
        Assert.Null(StartGate.ReservationFor(2, [r], Now));
    }
}
