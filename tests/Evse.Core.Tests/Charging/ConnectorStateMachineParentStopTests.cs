using Evse.Core.Charging;
using Evse.Core.Ports.Hardware;

namespace Evse.Core.Tests.Charging;

/// <summary>OCPP 1.6 §3.5.2: a card of the same parentIdTag as the one that started the session may stop it.</summary>
public sealed class ConnectorStateMachineParentStopTests
{
    private const string Starter = "04A1B2C3D4";
    private const string Colleague = "04FFEEDDCC";
    private const string Fleet = "FLEET-7";

    private static MachineDriver ChargingWithParent(string? parentIdTag)
    {
        var m = new MachineDriver();
        m.Pilot(9);
        m.Send(new IdTagPresented(Starter));
        m.Send(new AuthorizationCompleted(Starter, true, parentIdTag));
        m.Pilot(6);
        Assert.True(m.State.ContactorClosed);
        return m;
    }

    [Fact]
    public void Decide_SessionStartedByCardWithParent_SessionKeepsParent()
    {
        var m = ChargingWithParent(Fleet);

        Assert.Equal(Fleet, m.State.Session!.ParentIdTag);
    }

    [Fact]
    public void Decide_OtherCardWhenSessionHasParent_AuthorizesItToLearnItsParent()
    {
        var m = ChargingWithParent(Fleet);

        var commands = m.Send(new IdTagPresented(Colleague));

        Assert.Equal([new RequestAuthorization(Colleague)], commands);
        Assert.True(m.State.ContactorClosed);
    }

    [Fact]
    public void Decide_OtherCardOfSameParent_StopsSessionLocal()
    {
        var m = ChargingWithParent(Fleet);
        m.Send(new IdTagPresented(Colleague));

        var commands = m.Send(new AuthorizationCompleted(Colleague, true, "fleet-7"));

        Assert.IsType<OpenContactor>(commands[0]);
        Assert.Equal(StopReason.Local, Assert.Single(commands.OfType<EndSession>()).Reason);
        Assert.Contains(new Beep(BuzzerPattern.Accepted), commands);
        Assert.Null(m.State.Session);
        Assert.Equal(ChargePointStatus.Finishing, m.State.Status);
    }

    [Fact]
    public void Decide_OtherCardOfSameParentButBlocked_StillStops()
    {
        var m = ChargingWithParent(Fleet);
        m.Send(new IdTagPresented(Colleague));

        var commands = m.Send(new AuthorizationCompleted(Colleague, false, Fleet));

        Assert.Single(commands.OfType<EndSession>());
    }

    [Fact]
    public void Decide_OtherCardOfOtherParent_RejectedAndKeepsCharging()
    {
        var m = ChargingWithParent(Fleet);
        m.Send(new IdTagPresented(Colleague));

        var commands = m.Send(new AuthorizationCompleted(Colleague, true, "OTHER"));

        Assert.Equal([new Beep(BuzzerPattern.Rejected)], commands);
        Assert.True(m.State.ContactorClosed);
        Assert.Null(m.State.AuthorizingStop);
    }

    [Fact]
    public void Decide_OtherCardWhenSessionHasNoParent_RejectedWithoutAsking()
    {
        var m = ChargingWithParent(null);

        var commands = m.Send(new IdTagPresented(Colleague));

        Assert.Equal([new Beep(BuzzerPattern.Rejected)], commands);
    }

    [Fact]
    public void Decide_StopLookupAnsweredAfterSessionEnded_StartsNothing()
    {
        var m = ChargingWithParent(Fleet);
        m.Send(new IdTagPresented(Colleague));
        m.Send(new StopRequested(StopReason.Remote));

        var commands = m.Send(new AuthorizationCompleted(Colleague, true, Fleet));

        Assert.Empty(commands.OfType<BeginSession>());
        Assert.Null(m.State.Session);
        Assert.Null(m.State.AuthorizedIdTag);
    }

    [Fact]
    public void Decide_StartingCardAgainWhileStopLookupPending_StopsAtOnce()
    {
        var m = ChargingWithParent(Fleet);
        m.Send(new IdTagPresented(Colleague));

        var commands = m.Send(new IdTagPresented(Starter));

        Assert.Single(commands.OfType<EndSession>());
        Assert.Null(m.State.AuthorizingStop);
    }
}
