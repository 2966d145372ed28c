namespace Evse.Host.Tests.Ocpp;

/// <summary>BootNotification through the whole daemon against a scripted Central System over a real WebSocket.</summary>
public sealed class OcppBootScenarioTests
{
    [Fact]
    public async Task Boot_Accepted_SendsBootThenStatusOfEveryConnector()
    {
        await using var daemon = await OcppDaemon.StartAsync();

        await daemon.CentralSystem.WaitForAsync(f => f.Count(x => x.Action == "StatusNotification") >= 2, "boot and status");

        foreach (var f in daemon.CentralSystem.Frames)
        {
            Console.WriteLine((f.FromChargePoint ? "CP> " : "CS> ") + f.Text);
        }
        Assert.Fail("dump");
    }
}
