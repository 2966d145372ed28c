using Evse.Core.Charging;

namespace Evse.Core.Tests.Charging;

public class ConnectorStateMachineUnlockTests
{
    private static readonly ConnectorSettings FreeVend = ConnectorSettings.Default with { PlugAndChargeId = "FREEVEND01" };

    [Fact]
    public void Decide_UnlockWhileCharging_OpensEndsSessionUnlockCommandThenUnlocks()
    {
        var m = new MachineDriver(FreeVend);
        m.Pilot(9);
        m.Pilot(6);
        Assert.Equal(ChargePointStatus.Charging, m.State.Status);

        var commands = m.Send(new UnlockRequested());

        var open = commands.FindIndex(c => c is OpenContactor);
        var end = commands.FindIndex(c => c is EndSession);
        var unlock = commands.FindIndex(c => c is UnlockSocket);
        Assert.True(open >= 0 && open < end && end < unlock, string.Join(", ", commands));
        Assert.Equal(StopReason.UnlockCommand, ((EndSession)commands[end]).Reason);
        Assert.Null(m.State.Session);
    }

    [Fact]
    public void Decide_UnlockWithoutSession_OnlyUnlocks()
    {
        var m = new MachineDriver();

        var commands = m.Send(new UnlockRequested());

        Assert.IsType<UnlockSocket>(Assert.Single(commands));
    }
}
