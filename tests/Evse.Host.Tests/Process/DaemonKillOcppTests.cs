using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Evse.Host.Storage;
using Evse.Host.Tests.Ocpp;
using Evse.Host.Tests.Support;
using Evse.Ocpp.Outbox;
using Evse.Testing;
using Evse.Testing.Ocpp;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Evse.Host.Tests.Process;

/// <summary>
/// The real evsed process against a Central System on a real 127.0.0.1 WebSocket, killed with SIGKILL at random
/// points of charging sessions and of its own boot, restarted each time on the same data directory.
/// </summary>
/// <remarks>
/// The back office asks for a sampled meter value every second and answers MeterValues slowly (up to 0.4 s, and one in
/// four after 2.5 s, so a few readings queue behind it), and sessions on both connectors last seconds: kills land while MeterValues are
/// queued or on the wire. The simulated meter resumes from the register stored in the database, as a metering IC
/// keeps its own, so the register is checked never to go down within a transaction and across them.
/// </remarks>
public sealed class DaemonKillOcppTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20261123;
    private const string IdTag = "FREEVEND01";

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Sigkill_AtTwentyRandomPoints_CentralSystemGetsOneStartOneStopAndOrderedMeterValuesPerSession()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("EVSE_PROCESS_KILLS"), CultureInfo.InvariantCulture, out var n) ? n : 20;
        var random = new Random(Seed);
        var watch = Stopwatch.StartNew();
        var startTime = TimeSpan.Zero;
        await using var centralSystem = await LoopbackCentralSystem.StartAsync();
        centralSystem.Clock = () => TimeProvider.System.GetUtcNow();
        centralSystem.Checker.MaxConnectorId = 2;
        var answerRandom = new Random(Seed + 1);
        var answerGate = new Lock();
        centralSystem.AnswerDelay = action =>
        {
            if (action != "MeterValues")
            {
                return TimeSpan.Zero;
            }

            lock (answerGate)
            {
                return TimeSpan.FromMilliseconds(answerRandom.Next(4) == 0 ? 2500 : answerRandom.Next(0, 400));
            }
        };
        var killedAt = new List<(int FrameCount, DateTimeOffset At)>();

        // The back office asks for a meter value every second (the seed default 0 sends none) once; the key is stored.
        var daemon = await StartAsync(centralSystem);
        await centralSystem.WaitForAsync(f => f.Any(x => x.Action == "BootNotification"), "the first boot");
        foreach (var (key, value) in new[] { ("MeterValueSampleInterval", "1"), ("MinimumStatusDuration", "0") })
        {
            var answer = await centralSystem.CallAsync("ChangeConfiguration", $"{{\"key\":\"{key}\",\"value\":\"{value}\"}}");
            Assert.Equal("Accepted", answer.Payload["status"]!.GetValue<string>());
        }

        try
        {
            var point = random.Next(1, 4);
            for (var kill = 1; kill <= kills; kill++)
            {
                switch (point)
                {
                    case 0:
                        // During its own boot, without waiting for it to come up: host start, migrations, the
                        // PowerLoss end of an interrupted session, BootNotification, re-announce and outbox replay.
                        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 3000)), TimeProvider.System);
                        break;
                    case 1:
                        // Right after the session starts: StartTransaction in flight or just answered.
                        await PlugAsync(daemon);
                        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 200)), TimeProvider.System);
                        break;
                    case 2:
                        // Mid-session, MeterValues queued or on the wire.
                        await PlugAsync(daemon);
                        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(3000, 7000)), TimeProvider.System);
                        break;
                    default:
                        // A whole session, killed while its StopTransaction is going out or just after.
                        await PlugAsync(daemon);
                        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2500, 5500)), TimeProvider.System);
                        await UnplugAsync(daemon);
                        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 150)), TimeProvider.System);
                        break;
                }

                daemon.Kill();
                killedAt.Add((centralSystem.Frames.Count, TimeProvider.System.GetUtcNow()));
                await daemon.WaitForExitAsync();
                await daemon.DisposeAsync();
                var restart = Stopwatch.StartNew();
                point = random.Next(4);
                daemon = point == 0 ? DaemonProcess.Launch(_data.Path, Arguments(centralSystem)) : await StartAsync(centralSystem);
                startTime += restart.Elapsed;
            }

            // Power stays on at last: every session must reach the Central System, started and stopped.
            await daemon.WaitHealthyAsync();
            await DeliveredAsync(centralSystem, killedAt[^1].FrameCount, _data.Path);
        }
        finally
        {
            await daemon.DisposeAsync();
        }

        var frames = centralSystem.Frames;
        if (Environment.GetEnvironmentVariable("EVSE_PROCESS_KILL_FRAMES") is { Length: > 0 } framesPath)
        {
            // For a failure's post-mortem: the Central System's whole record, one frame a line.
            await File.WriteAllLinesAsync(framesPath, frames.Select(f => (f.FromChargePoint ? "CP> " : "CS> ") + f.Text));
        }

        CentralSystemLedger.AssertSchemaValid(frames);
        Assert.True(centralSystem.Checker.Violations.Count == 0, "Strict peer check:\n" + string.Join("\n", centralSystem.Checker.Violations));
        var summary = CentralSystemLedger.AssertTransactions(frames);
        CentralSystemLedger.AssertRegisterNeverDecreases(frames);
        Wire.AssertAnswersMatchCalls(frames);
        var (inFlight, pending) = MeterValuesAtKills(frames, killedAt);
        var powerLossStops = frames.Count(f => f.FromChargePoint && f.Action == "StopTransaction" && f.Payload["reason"]?.GetValue<string>() == "PowerLoss");
        output.WriteLine($"{kills} kills, {summary.Sessions} sessions ({powerLossStops} stopped PowerLoss), {summary.MeterValues} MeterValues, "
            + $"{summary.Replays} replays, {frames.Count} frames; kills with a MeterValues on the wire {inFlight}, with MeterValues pending {pending}; "
            + $"restarts to /health {startTime.TotalSeconds:F1} s, whole test {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(summary.Sessions >= kills / 3, $"only {summary.Sessions} sessions reached the Central System");
        Assert.True(summary.MeterValues >= kills * 2, $"only {summary.MeterValues} MeterValues reached the Central System");
        Assert.True(kills < 10 || pending > 0, "no kill landed while MeterValues were pending");
    }

    /// <summary>
    /// Kills that landed with a MeterValues CALL unanswered, and kills after which MeterValues of a reading taken before
    /// the kill still arrived (queued or on the wire when the process died).
    /// </summary>
    private static (int InFlight, int Pending) MeterValuesAtKills(IReadOnlyList<CentralSystemFrame> frames, List<(int FrameCount, DateTimeOffset At)> kills)
    {
        var inFlight = 0;
        var pending = 0;
        for (var i = 0; i < kills.Count; i++)
        {
            var (count, at) = kills[i];
            var before = frames.Take(count).ToList();
            var answered = before.Where(f => !f.FromChargePoint && f.MessageType == 3).Select(f => f.MessageId).ToHashSet();
            if (before.LastOrDefault(f => f.FromChargePoint && f.Action == "MeterValues") is { } last && !answered.Contains(last.MessageId))
            {
                inFlight++;
            }

            var end = i + 1 < kills.Count ? kills[i + 1].FrameCount : frames.Count;
            if (frames.Take(end).Skip(count).Any(f => f.FromChargePoint && f.Action == "MeterValues"
                && f.Payload["meterValue"]!.AsArray().Any(v => DateTimeOffset.Parse(v!["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture) < at)))
            {
                pending++;
            }
        }

        return (inFlight, pending);
    }

    private async Task<DaemonProcess> StartAsync(LoopbackCentralSystem centralSystem) =>
        await DaemonProcess.StartAsync(_data.Path, Arguments(centralSystem));

    private static string[] Arguments(LoopbackCentralSystem centralSystem) =>
    [
        "--Ocpp:CentralSystemUrl", centralSystem.BaseUrl.ToString(),
        "--Ocpp:ChargePointId", "CP-KILL-1",
        "--Station:PlugAndChargeId", IdTag,
        "--Station:ConnectorCount", "2",

        // No ControlLoop:ProgressInterval override: with the shipping 5 s, MeterValues of the last seconds before a kill
        // are newer than the record's progress, the case the PowerLoss stop must settle (energy and time).
    ];

    /// <summary>Both connectors charge at once: twice the MeterValues per second, interleaved in one outbox.</summary>
    private static async Task PlugAsync(DaemonProcess daemon)
    {
        await daemon.PostAsync("api/sim/connectors/1/ev", new { state = "C" });
        await daemon.PostAsync("api/sim/connectors/2/ev", new { state = "C" });
        await Eventually.GetAsync(
            async () => (await daemon.Client.GetFromJsonAsync<JsonElement>(new Uri("api/status", UriKind.Relative))).GetProperty("connectors"),
            c => c.EnumerateArray().All(x => x.GetProperty("status").GetString() == "Charging"),
            "both connectors Charging");
    }

    private static async Task UnplugAsync(DaemonProcess daemon)
    {
        await daemon.PostAsync("api/sim/connectors/1/ev", new { state = "A" });
        await daemon.PostAsync("api/sim/connectors/2/ev", new { state = "A" });
    }

    /// <summary>
    /// Waits for the last process to boot and its outbox to drain. A balanced record alone is not enough: a session
    /// whose StartTransaction never left the killed process comes back as a Start and a PowerLoss Stop, both still
    /// queued while every session the Central System knows is stopped; so the record must also stay unchanged, every
    /// CALL answered, for a second (the outbox sends its next message within milliseconds of an answer).
    /// </summary>
    private static async Task DeliveredAsync(LoopbackCentralSystem centralSystem, int framesAtLastKill, string dataDirectory)
    {
        await centralSystem.WaitForAsync(f => f.Skip(framesAtLastKill).Any(x => x.Action == "BootNotification"), "the last process to boot", 20);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            // The Central System's record can look complete while the last process has a start (and its PowerLoss
            // stop) still queued from before the kill: a loaded machine can take more than the quiet second below to
            // begin the replay. So first its outbox must hold no start or stop.
            Assert.True(
                await RealClockWait.UntilAsync(() => PendingStartsAndStops(dataDirectory) == 0, TimeSpan.FromSeconds(60)),
                "the last process still has a StartTransaction or StopTransaction queued after 60 s");
            await centralSystem.WaitForAsync(f => AllStopped(f) && AllAnswered(f), "every started transaction to be stopped", 20);
            var count = centralSystem.Frames.Count;
            await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);
            if (centralSystem.Frames.Count == count)
            {
                return;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the charge point kept sending for 30 s after every session was stopped");
        }
    }

    /// <summary>StartTransaction and StopTransaction rows of the daemon's outbox not yet delivered (state 0 = pending),
    /// read from a second connection as a restart would see them.</summary>
    private static long PendingStartsAndStops(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, SqliteDatabase.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox_messages WHERE state = 0 AND kind <> $meterValues;";
        command.Parameters.AddWithValue("$meterValues", (int)OutboxMessageKind.MeterValues);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The charge point's last CALL is answered (it has one at a time on the wire).</summary>
    private static bool AllAnswered(IReadOnlyList<CentralSystemFrame> frames)
    {
        var answered = frames.Where(f => !f.FromChargePoint && f.MessageType is 3 or 4).Select(f => f.MessageId).ToHashSet();
        return frames.LastOrDefault(f => f.FromChargePoint && f.MessageType == 2) is not { } last || answered.Contains(last.MessageId);
    }

    /// <summary>Every StartTransaction answered has a StopTransaction for its id.</summary>
    private static bool AllStopped(IReadOnlyList<CentralSystemFrame> frames)
    {
        var answers = frames.Where(f => !f.FromChargePoint && f.MessageType == 3).ToDictionary(f => f.MessageId, f => f.Payload);
        var started = frames.Where(f => f.FromChargePoint && f.Action == "StartTransaction" && answers.ContainsKey(f.MessageId))
            .Select(f => answers[f.MessageId]["transactionId"]!.GetValue<int>()).ToHashSet();
        var stopped = frames.Where(f => f.FromChargePoint && f.Action == "StopTransaction")
            .Select(f => f.Payload["transactionId"]!.GetValue<int>()).ToHashSet();
        var unanswered = frames.Where(f => f.FromChargePoint && f.Action == "StartTransaction").Select(f => f.PayloadJson).ToHashSet().Count;
        return started.SetEquals(stopped) && started.Count == unanswered;
    }
}
