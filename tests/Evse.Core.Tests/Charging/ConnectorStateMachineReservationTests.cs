using Evse.Core.Charging;
using Evse.Core.Ports.Hardware;
using CoreReservation = Evse.Core.Authorization.Reservation;

namespace Evse.Core.Tests.Charging;

/// <summary>Reservations with a parentIdTag: the OCPP layer resolves the parent, the state machine must let it ask.</summary>
public sealed class ConnectorStateMachineReservationTests
{
    [Fact]
    public void Decide_ReservationWithParentAndOtherIdTag_AsksForAuthorizationInsteadOfRefusing()
    {
        var m = new MachineDriver();
        m.Send(new ReservationChanged(new CoreReservation(5, 1, "OWNER", "FLEET", m.Now.AddMinutes(10))));

        var commands = m.Send(new IdTagPresented("DRIVER2"));

        Assert.Equal([new RequestAuthorization("DRIVER2")], commands);
    }

    [Fact]
    public void Decide_ReservationWithoutParentAndOtherIdTag_RefusesWithoutAsking()
    {
        var m = new MachineDriver();
        m.Send(new ReservationChanged(new CoreReservation(5, 1, "OWNER", null, m.Now.AddMinutes(10))));

        var commands = m.Send(new IdTagPresented("DRIVER2"));

        Assert.Equal([new Beep(BuzzerPattern.Rejected)], commands);
    }

    [Fact]
    public void Decide_ParentMatchHandedOverBeforeAnswer_SessionStartsAndReservationEnds()
    {
        var m = new MachineDriver();
        var reservation = new CoreReservation(5, 1, "OWNER", "FLEET", m.Now.AddMinutes(10));
        m.Send(new ReservationChanged(reservation));
        m.Send(new IdTagPresented("DRIVER2"));

        // What the OCPP authorizer does when DRIVER2's parent is FLEET: hand over, then answer.
        m.Send(new ReservationChanged(reservation with { IdTag = "DRIVER2" }));
        m.Send(new AuthorizationCompleted("DRIVER2", true));
        var started = m.Pilot(9);

        Assert.Equal("DRIVER2", Assert.Single(started.OfType<BeginSession>()).IdTag);
        Assert.Null(m.State.Reservation);
    }

    [Fact]
    public void Decide_ParentReservationNotHandedOver_AcceptedOtherIdTagStillCannotStart()
    {
        var m = new MachineDriver();
        m.Send(new ReservationChanged(new CoreReservation(5, 1, "OWNER", "FLEET", m.Now.AddMinutes(10))));
        m.Send(new IdTagPresented("STRANGER"));
        m.Send(new AuthorizationCompleted("STRANGER", true));

        var afterPlug = m.Pilot(9);

        Assert.DoesNotContain(afterPlug, c => c is BeginSession);
        Assert.NotNull(m.State.Reservation);
    }
}
