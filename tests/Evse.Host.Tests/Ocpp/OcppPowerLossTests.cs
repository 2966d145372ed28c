using System.Diagnostics;
using System.Globalization;
using Evse.Host.Tests.Support;
using Evse.Ocpp.ChargePoint;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Evse.Testing;

namespace Evse.Host.Tests.Ocpp;

/// <summary>
/// Power cuts at random points of charging sessions, the daemon rebuilt each time on the database the cut left behind,
/// all against one Central System that must end up with a consistent record of every session.
/// </summary>
public sealed class OcppPowerLossTests(ITestOutputHelper output)
{
    private const int Seed = 20260105;

    /// <summary>One session's script: the kill comes after a random number of these steps.</summary>
    private static readonly string[] Steps =
        ["card", "plug", "draw", .. Enumerable.Repeat("charge", 12), "card", "unplug", "idle", "idle"];

    [Fact]
    [Trait("Category", "Slow")]
    public async Task PowerCut_AtTwoHundredRandomPoints_CentralSystemGetsOneStartOneStopAndOrderedMeterValuesPerSession()
    {
        var cuts = int.TryParse(Environment.GetEnvironmentVariable("EVSE_POWER_CUTS"), CultureInfo.InvariantCulture, out var n) ? n : 200;
        var random = new Random(Seed);
        var watch = Stopwatch.StartNew();
        await using var daemon = await OcppSessionScenarioTests.BootedAsync(("MeterValueSampleInterval", "10"));
        var errorsBeforeCuts = new List<string>();
        var stepTime = new Stopwatch();
        var cutTime = new Stopwatch();
        var bootTime = new Stopwatch();

        for (var cut = 1; cut <= cuts; cut++)
        {
            var stepsBeforeCut = random.Next(Steps.Length + 1);
            stepTime.Start();
            for (var step = 0; step < stepsBeforeCut; step++)
            {
                await RunStepAsync(daemon, Steps[step]);
            }

            // Sometimes let the outbox get a few frames out before the cut, so it also lands in the middle of delivery.
            if (random.Next(2) == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 4)), TimeProvider.System);
            }

            stepTime.Stop();
            var bootsBefore = daemon.CentralSystem.Calls("BootNotification").Count;
            cutTime.Start();
            var (next, errors) = await daemon.PowerCutAsync(cut);
            cutTime.Stop();
            errorsBeforeCuts.AddRange(errors);
            bootTime.Start();
            await daemon.StartDaemonAsync(next);
            await daemon.CentralSystem.WaitForAsync(f => BootedAgain(f, bootsBefore), "boot after the cut");
            bootTime.Stop();
        }

        output.WriteLine($"steps {stepTime.Elapsed.TotalSeconds:F1} s, cuts {cutTime.Elapsed.TotalSeconds:F1} s, boots {bootTime.Elapsed.TotalSeconds:F1} s");

        // Power stays on at last: everything queued must reach the Central System.
        var chargePoint = daemon.App!.Services.GetRequiredService<ChargePointService>();
        // Bounded on the real clock (the replay runs on the daemon's threads and the socket), 5 fake seconds a step.
        await RealClockWait.StepUntilAsync(
            () => chargePoint.Outbox.PendingCount == 0,
            () => daemon.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)),
            TimeSpan.FromMilliseconds(10),
            TimeSpan.FromSeconds(60));

        Assert.Equal(0, chargePoint.Outbox.PendingCount);
        await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        var (sessions, replays, _) = CentralSystemLedger.AssertTransactions(daemon.CentralSystem.Frames, startsAnswered: true);
        output.WriteLine($"{cuts} cuts, {sessions} sessions at the Central System, {replays} in-flight messages replayed, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(replays <= cuts / 5, $"{replays} replays: the window between the answer and its commit should be rare");
        Assert.Empty(errorsBeforeCuts);
        Assert.True(sessions >= cuts / 3, $"only {sessions} sessions reached the Central System");
    }

    private static bool BootedAgain(IReadOnlyList<Evse.Testing.Ocpp.CentralSystemFrame> frames, int bootsBefore)
    {
        var boots = 0;
        var statusAfterBoot = 0;
        foreach (var frame in frames)
        {
            if (frame.Action == "BootNotification")
            {
                boots++;
                statusAfterBoot = 0;
            }
            else if (frame.Action == "StatusNotification")
            {
                statusAfterBoot++;
            }
        }

        return boots > bootsBefore && statusAfterBoot >= 2;
    }

    private static async Task RunStepAsync(OcppDaemon daemon, string step)
    {
        switch (step)
        {
            case "card":
                await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "04A1B2C3" });
                await daemon.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
                break;
            case "plug":
                await DaemonApi.PostAsync(daemon.Client, "/api/sim/connectors/1/ev", new { state = "B", maxCurrentAmps = 16, phases = 1 });
                await daemon.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
                break;
            case "draw":
                await DaemonApi.PostAsync(daemon.Client, "/api/sim/connectors/1/ev", new { state = "C" });
                await daemon.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
                break;
            case "unplug":
                await DaemonApi.PostAsync(daemon.Client, "/api/sim/connectors/1/ev", new { state = "A" });
                await daemon.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
                break;
            default:
                await daemon.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
                break;
        }
    }
}
