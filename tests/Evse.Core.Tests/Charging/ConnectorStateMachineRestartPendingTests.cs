using Evse.Core.Charging;
using Evse.Core.Ports.Hardware;
using Evse.Core.Scheduling;

namespace Evse.Core.Tests.Charging;

/// <summary>Reboot Period: while a restart is pending no new session starts, so none can be cut by it.</summary>
public sealed class ConnectorStateMachineRestartPendingTests
{
    [Fact]
    public void Decide_CardWhileRestartPending_RefusedWithoutAuthorizing()
    {
        var m = new MachineDriver();
        m.Send(new RestartPendingChanged(true));

        var commands = m.Send(new IdTagPresented("CARD1"));

        Assert.Equal([new Beep(BuzzerPattern.Rejected)], commands);
        Assert.Null(m.State.Authorizing);
    }

    [Fact]
    public void Decide_FreeVendPlugInWhileRestartPending_WaitsWithoutSessionOrPower()
    {
        var m = new MachineDriver(ConnectorSettings.Default with { PlugAndChargeId = "FREEVEND01" });
        m.Send(new RestartPendingChanged(true));

        var commands = m.Pilot(9);

        Assert.Empty(commands.OfType<BeginSession>());
        Assert.Null(m.State.Session);
        Assert.Equal(0, m.State.OfferedAmps);
        Assert.Equal(ChargePointStatus.Preparing, m.State.Status);
    }

    [Fact]
    public void Decide_RestartCalledOff_WaitingPlugInStarts()
    {
        var m = new MachineDriver(ConnectorSettings.Default with { PlugAndChargeId = "FREEVEND01" });
        m.Send(new RestartPendingChanged(true));
        m.Pilot(9);

        var commands = m.Send(new RestartPendingChanged(false));

        Assert.Single(commands.OfType<BeginSession>());
        Assert.NotNull(m.State.Session);
    }

    [Fact]
    public void Decide_RestartPendingDuringSession_SessionContinues()
    {
        var m = new MachineDriver(ConnectorSettings.Default with { PlugAndChargeId = "FREEVEND01" });
        m.Pilot(9);
        m.Pilot(6);
        Assert.True(m.State.ContactorClosed);

        var commands = m.Send(new RestartPendingChanged(true));

        Assert.Empty(commands);
        Assert.True(m.State.ContactorClosed);
    }

    [Fact]
    public void ReadyToRestart_AllBlockedAndIdle_True()
    {
        var idle = ConnectorStateMachine.Initial(1, ConnectorSettings.Default, 32) with { RestartPending = true };

        Assert.True(RebootPolicy.ReadyToRestart([idle, idle with { ConnectorId = 2 }]));
    }

    [Fact]
    public void ReadyToRestart_OneLoopHasNotTakenTheBlock_False()
    {
        var idle = ConnectorStateMachine.Initial(1, ConnectorSettings.Default, 32);

        Assert.False(RebootPolicy.ReadyToRestart([idle with { RestartPending = true }, idle]));
    }

    [Fact]
    public void ReadyToRestart_SessionStartedBeforeTheBlock_False()
    {
        var started = ConnectorStateMachine.Initial(1, ConnectorSettings.Default, 32) with
        {
            RestartPending = true,
            Session = new Session("CARD1", DateTimeOffset.UnixEpoch, 0, 1),
        };

        Assert.False(RebootPolicy.ReadyToRestart([started]));
    }
}
