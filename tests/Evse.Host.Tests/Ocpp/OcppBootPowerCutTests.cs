using System.Diagnostics;
using System.Globalization;
using Evse.Host.Tests.Support;
using Evse.Ocpp.ChargePoint;
using Evse.Testing.Ocpp;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Evse.Testing;

namespace Evse.Host.Tests.Ocpp;

/// <summary>
/// A power cut mid-session, then a second cut at a random point of the first seconds of the restart (the interrupted
/// session being ended with PowerLoss, BootNotification pending or in flight, the outbox replay starting), then the
/// daemon rebuilt again on what that second cut left: the Central System still sees one Start and one Stop per session.
/// </summary>
public sealed class OcppBootPowerCutTests(ITestOutputHelper output)
{
    private const int Seed = 20261124;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task PowerCut_DuringTheBootAfterACutMidSession_CentralSystemGetsOneStartOneStopPerSessionInOrder()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("EVSE_BOOT_CUTS"), CultureInfo.InvariantCulture, out var n) ? n : 30;
        var random = new Random(Seed);
        var watch = Stopwatch.StartNew();
        await using var daemon = await OcppSessionScenarioTests.BootedAsync(("MeterValueSampleInterval", "10"));
        var pendingBoots = 0;
        daemon.CentralSystem.Script = (action, _) => action == "BootNotification" && Interlocked.Decrement(ref pendingBoots) >= 0
            ? CentralSystemAnswer.Result($$"""{"currentTime":"{{LoopbackCentralSystem.Format(daemon.Time.GetUtcNow())}}","interval":5,"status":"Pending"}""")
            : null;
        var errors = new List<string>();
        var generation = 0;

        for (var round = 0; round < rounds; round++)
        {
            // A session cut somewhere between its start and its MeterValues.
            await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "04A1B2C3" });
            await OcppSessionScenarioTests.ChargeAsync(daemon, TimeSpan.FromSeconds(random.Next(0, 75)));
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 4)), TimeProvider.System);
            var (afterFirstCut, firstErrors) = await daemon.PowerCutAsync(++generation);
            errors.AddRange(firstErrors);

            // The restart, cut again within its first seconds; sometimes the back office answers Pending first.
            Volatile.Write(ref pendingBoots, random.Next(3) == 0 ? 1 : 0);
            await daemon.StartDaemonAsync(afterFirstCut);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 60)), TimeProvider.System);
            if (random.Next(2) == 0)
            {
                await daemon.AdvanceAsync(TimeSpan.FromSeconds(random.Next(1, 8)), TimeSpan.FromSeconds(1));
            }

            var (afterSecondCut, secondErrors) = await daemon.PowerCutAsync(++generation);
            errors.AddRange(secondErrors);

            Volatile.Write(ref pendingBoots, 0);
            var bootsBefore = daemon.CentralSystem.Calls("BootNotification").Count;
            await daemon.StartDaemonAsync(afterSecondCut);
            await daemon.CentralSystem.WaitForAsync(f => f.Count(x => x.Action == "BootNotification") > bootsBefore, "boot after the second cut");
        }

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
        var frames = daemon.CentralSystem.Frames;
        var summary = CentralSystemLedger.AssertTransactions(frames);
        CentralSystemLedger.AssertSchemaValid(frames);
        output.WriteLine($"{rounds} rounds ({2 * rounds} cuts), {summary.Sessions} sessions, {summary.MeterValues} MeterValues, {summary.Replays} replays, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(errors);
        Assert.True(summary.Sessions >= rounds / 2, $"only {summary.Sessions} sessions reached the Central System");
    }
}
