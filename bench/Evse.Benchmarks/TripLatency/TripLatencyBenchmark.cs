using System.Diagnostics;
using System.Globalization;
using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Pilot;
using Evse.Core.Ports;
using Evse.Core.Protection;
using Evse.Core.Station;
using Evse.Hardware.Simulated;
using Evse.Host.Station;
using Evse.Host.Storage;
using Evse.Host.Workers;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Benchmarks.TripLatency;

/// <summary>
/// Trip-to-contactor-open latency through the real control loop on the simulated board, while background
/// load runs. Three paths: the EV leaves state C (pilot edge → inbox → decision step → open), a protection
/// posts a fault (inbox → decision step → open), and the residual-current monitor trips (driver callback
/// opens at once). The loop's timers run on a fake clock so that hold times (state F 300 ms) cost nothing;
/// latency is measured with Stopwatch from the injection to the open command reaching the contactor.
/// </summary>
/// <remarks>
/// The background load (<see cref="BackgroundLoad"/>) runs at fixed rates: HTTP status requests, OCPP frames and
/// allocation churn. Every trip of 1 ms or more is classified by what it overlapped
/// (<see cref="TripCauses"/>: a GC, the JIT, or neither = preempted). The bench runs with the daemon's GC settings
/// (<see cref="Gen0Budget"/>) and 200 uncounted warm-up trips per path; docs/charging-domain.md has the figures.
/// </remarks>
internal static class TripLatencyBenchmark
{
    private static readonly ControlLoopOptions Loop = new()
    {
        RealTimePriority = RealTimePriorityFromEnvironment(),

        // As the package configures the daemon; EVSE_BENCH_RTCPU=none measures without the reserved CPU.
        RealTimeCpu = Environment.GetEnvironmentVariable("EVSE_BENCH_RTCPU") ?? "last",
    };

    // Harness only: the residual-current retry time is one sample interval (the product waits 15 min), so that a trip's
    // recovery costs a few fake-clock samples; the path from the trip to the open contactor does not depend on it.
    private static readonly TimeSpan ResidualCurrentRetry = Loop.SampleInterval;

    private const int WarmUpTrips = 200;

    /// <summary>
    /// The most record writes the bench lets queue up before it waits (outside the timed trip) for the writer.
    /// Unbounded, 5,000 trips a second left tens of thousands of queued records alive in the heap, and every gen0
    /// collection promoted them: retained state of the bench, not of a charger, which trips a few times a day.
    /// <c>EVSE_BENCH_WRITER_BACKLOG=-1</c> lifts the bound for a comparison.
    /// </summary>
    private static readonly int WriterBacklog =
        int.TryParse(Environment.GetEnvironmentVariable("EVSE_BENCH_WRITER_BACKLOG"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) ? b : 64;

    /// <summary><c>EVSE_BENCH_SCHEDSTAT=1</c>: probe the loop's and the injector's run-queue wait around every trip.</summary>
    private static readonly bool ProbeRunQueue = Environment.GetEnvironmentVariable("EVSE_BENCH_SCHEDSTAT") == "1";

    /// <summary>
    /// How long the injecting thread rests (blocked, not spinning) after each trip's re-close: 1 ms by default, longer than
    /// the loop's spin before it blocks, so every trip finds the loop asleep, as a charger's loop is when a fault comes.
    /// Back to back (<c>EVSE_BENCH_PACE_US=0</c>) the real-time threads (loop and injector) use all of a CPU, and the
    /// kernel's real-time bandwidth control (sched_rt_runtime_us 950,000 of 1,000,000; the fair server's 50 ms per second
    /// on 6.12+) then stops them for up to 50 ms to let ordinary threads run: measured as the loop waiting runnable 51.1 ms
    /// inside one trip. A charger's loop spends well under 1 % of a CPU, so that stall is the bench's, not the product's.
    /// -1 rests as long as the trip-and-reset cycle took (session 5's default); <c>n</c> &gt; 0: n µs.
    /// </summary>
    private static readonly int PaceMicroseconds =
        int.TryParse(Environment.GetEnvironmentVariable("EVSE_BENCH_PACE_US"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pace) ? pace : 1_000;

    // A sample at or above this is an outlier and is explained (GC, JIT or neither) in the report.
    private static readonly long OutlierTicks = Stopwatch.Frequency / 1000;

    // Real-time like the driver threads it stands for, but below the loop: a woken loop preempts it at once.
    private static readonly int DriverPriority = Loop.RealTimePriority > 10 ? Loop.RealTimePriority - 10 : 0;

    /// <summary>
    /// The gen0 budget evse.service gives the daemon (<c>DOTNET_GCgen0size</c>): the runtime reads it only from the
    /// environment (a runtimeconfig.json property was measured to be ignored), so the bench starts itself again with it
    /// when it is missing. <c>EVSE_BENCH_GC_DEFAULT=1</c> keeps the runtime's default for a comparison.
    /// </summary>
    public const string Gen0Budget = "0x2000000";

    public static async Task<int> RunAsync(int trips, bool withLoad)
    {
        if (Environment.GetEnvironmentVariable("DOTNET_GCgen0size") is null && Environment.GetEnvironmentVariable("EVSE_BENCH_GC_DEFAULT") != "1")
        {
            return await RunAgainWithDaemonGcSettingsAsync();
        }

        // As the daemon does before its board starts; the sweep below stands for the Host's CpuReservationWorker.
        CpuReservationWorker.Reserve(Loop.RealTimeCpu, NullLogger.Instance);
        using var sweep = TimeProvider.System.CreateTimer(_ => CpuReservation.SweepOthers(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var data = Directory.CreateTempSubdirectory("evse-bench-");
        var time = new FakeTimeProvider();
        var board = new SimulatedBoard(1, new SimulationOptions(), time);
        var connector = new TimedConnector(board.SimulatedConnectors[0]);
        using var database = new SqliteDatabase(data.FullName, NullLogger<SqliteDatabase>.Instance);
        var stores = new ConnectorStores(new SqliteChargingRecordStore(database), new SqliteFaultRecordStore(database));
        var hub = new StationEventHub();
        using var controller = new ConnectorController(
            new ConnectorContext(connector, board.Buzzer, board.Supply, stores, new StandaloneAuthorizer(), hub),
            new ConnectorConfiguration(
                ConnectorSettings.Default with { PlugAndChargeId = "FREEVEND01" },
                // The residual-current retry is shortened (15 min → one sample, unlimited) so that 100,000 trips fit in a run;
                // the path from the trip to the open contactor is the same.
                ProtectionSettings.ForPhases(1) with { ResidualCurrentRetryAfter = ResidualCurrentRetry, MaxAutoRestarts = int.MaxValue },
                FirmwareSettingAmps: 32,
                ConnectorRatingAmps: 32,
                board.DipSwitch.Read()),
            time,
            Loop,
            NullLogger<ConnectorController>.Instance);

        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => controller.RunAsync(StopReason.Reboot, stop.Token));
        var identity = new StationIdentity("bench", "bench", "BENCH", "0", time.GetUtcNow());
        var view = new SingleConnectorView(controller);
        await using var load = withLoad ? await BackgroundLoad.StartAsync(view, identity, time) : null;
        using var contention = ProbeRunQueue ? new ContentionRecorder() : null;
        using var gcPauses = new GcPauseRecorder();
        gcPauses.Start();
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var rssBefore = RssBytes();
        Console.WriteLine($"trip-to-contactor-open latency, {trips:N0} trips per path, background load {(withLoad ? BackgroundLoad.Description : "off")}, rest after each trip {(PaceMicroseconds < 0 ? "as long as the cycle" : $"{PaceMicroseconds} µs")}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, concurrent GC {GCConcurrent()}, retain VM {Environment.GetEnvironmentVariable("DOTNET_GCRetainVM") ?? AppContext.GetData("System.GC.RetainVM") ?? "default"}, GC latency mode {System.Runtime.GCSettings.LatencyMode}, DOTNET_GCgen0size {Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "default"}, loop SCHED_FIFO priority {Loop.RealTimePriority} (0 = ordinary thread), reserved CPU {(CpuReservation.ReservedCpu < 0 ? "none" : CpuReservation.ReservedCpu.ToString(CultureInfo.InvariantCulture))}");

        var ev = board.SimulatedConnectors[0].Ev;
        string Describe() => $"status {controller.Snapshot.State.Status}, faults [{string.Join(",", controller.Snapshot.State.ActiveFaults)}], latched [{string.Join(",", controller.Snapshot.LatchedFaults)}], pilot {controller.Snapshot.State.Pilot}, output {controller.Snapshot.State.PilotOutput}, F until {controller.Snapshot.State.StateFUntil}, now {time.GetUtcNow()}, self test {controller.Snapshot.State.SelfTestPassed}/{controller.Snapshot.State.SelfTestRunning}, line {board.SimulatedConnectors[0].PilotSense.Read()}, protection {ProtectionTracker(controller)}";
        ev.Set(PilotState.C);
        WaitClosed(connector, "first close", Describe);

        var paths = new List<(string Path, Func<(long[] Ticks, TripCauses Causes)> Run)>
        {
            ("pilot C->B (EV stops)", () => Measure("pilot C->B (EV stops)", trips, connector, () => ev.Set(PilotState.B), () => ev.Set(PilotState.C), Describe)),
            ("protection fault (posted)", () => Measure("protection fault (posted)", trips, connector, () => controller.Post(new FaultRaised(FaultCode.OverCurrent)), () =>
            {
                controller.Post(new FaultCleared(FaultCode.OverCurrent));
                AdvancePastStateF(time, controller);
                BoundWriterBacklog(controller);
            }, Describe)),
            ("residual current (callback)", () => Measure("residual current (callback)", trips, connector, () => board.SetFault(SimulatedFault.ResidualCurrent, true), () =>
            {
                // The controller's own recovery, one sample at a time: the next sample lets the protection see the trip
                // (its retry time runs from there), the one after it is past the retry time and clears the fault, then
                // the state F hold ends and the self test before the close runs. Each step waits for the loop to have
                // taken its sample, so no burst of timers lands at once (a one-second jump queued 11 samples together).
                board.SetFault(SimulatedFault.ResidualCurrent, false);
                StepUntilClosed(time, connector);
                BoundWriterBacklog(controller);
            }, Describe, realTimeReset: false)),
        };

        // EVSE_BENCH_PATH=<text>: only the paths whose name contains it (a diagnosis run); the default runs all three.
        var only = Environment.GetEnvironmentVariable("EVSE_BENCH_PATH");
        var results = paths
            .Where(p => string.IsNullOrEmpty(only) || p.Path.Contains(only, StringComparison.OrdinalIgnoreCase))
            .Select(p => (p.Path, Result: p.Run()))
            .ToList();

        var rssAfter = RssBytes();
        gcPauses.Stop();
        Console.WriteLine($"record writes still queued when the last trip ended: {controller.PendingRecordWrites:N0}");
        Console.WriteLine();
        Console.WriteLine("| path | trips | p50 µs | p99 µs | p99.9 µs | max µs |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (path, result) in results)
        {
            Console.WriteLine(Row(path, result.Ticks));
        }

        Console.WriteLine();
        Console.WriteLine("What the slow trips overlapped (GC: a collection ran between the trip and the open; JIT: a method was compiled):");
        Console.WriteLine(TripCauses.Header(OutlierTicks));
        foreach (var (path, result) in results)
        {
            Console.WriteLine(result.Causes.Row(path));
        }

        Console.WriteLine();
        Console.WriteLine("The slowest trip of each path and how much of it the collections inside it explain:");
        Console.WriteLine(TripCauses.WorstHeader());
        foreach (var (path, result) in results)
        {
            Console.WriteLine(result.Causes.Worst(path));
        }

        foreach (var (path, result) in results)
        {
            if (result.Causes.WorstQueued(path) is { Length: > 0 } queued)
            {
                Console.WriteLine(queued);
            }
        }

        var gcInfo = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GC pauses: {GC.GetTotalPauseDuration().TotalMilliseconds:N0} ms in total ({gcInfo.PauseTimePercentage:0.0} % of the process's time); last GC's pauses {string.Join(", ", gcInfo.PauseDurations.ToArray().Select(p => p.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture)))} ms (gen{gcInfo.Generation}, {(gcInfo.Concurrent ? "background" : "blocking")})"));

        Console.WriteLine();
        Console.WriteLine("Every GC pause during the trips (runtime GC events; suspend = time to stop the managed threads):");
        Console.Write(gcPauses.Report());
        if (contention is not null)
        {
            Console.Write(contention.Report());
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}"));

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSS before {rssBefore / 1048576.0:0.0} MiB, after {rssAfter / 1048576.0:0.0} MiB; GC gen0/1/2 during the run: {GC.CollectionCount(0) - gcBefore.Item1}/{GC.CollectionCount(1) - gcBefore.Item2}/{GC.CollectionCount(2) - gcBefore.Item3}"));
        if (load is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"background load {BackgroundLoad.Description}; measured at start without the churn: {load.CalibrationRates.Http:N0} requests/s, {load.CalibrationRates.Frames:N0} frames/s, allocating {load.DaemonBytesPerSecond / 1048576.0:N1} MiB/s; churn {load.ChurnBytesPerSecond / 1048576.0:N1} MiB/s"));
            Console.WriteLine($"background load served {load.HttpRequests:N0} HTTP requests and {load.Frames:N0} OCPP frames; the churn allocated {load.AllocatedBytes / 1048576.0:N0} MiB");
        }

        // The trips come far faster than any charger sees them (thousands a second), so the writer is behind at the end;
        // it gets the time it needs here, since the check below is that it keeps every record, not that it keeps pace
        // (a shutdown waits 10 s at most, which a real trip rate never comes near).
        var drain = Stopwatch.StartNew();
        var drained = controller.WaitForRecords(TimeSpan.FromMinutes(10));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"record writer caught up {(drained ? "after" : "NOT within")} {drain.Elapsed.TotalSeconds:0.0} s"));
        await stop.CancelAsync();
        await loop;

        // The writer must have kept every record: one per trip of the two fault paths (plus any the start-up raised), all closed.
        var (stored, open) = database.Read(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT COUNT(*), COUNT(*) - COUNT(ended_at) FROM fault_records;";
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(0), reader.GetInt64(1));
        });
        var faultPaths = results.Count(r => !r.Path.StartsWith("pilot", StringComparison.Ordinal));
        Console.WriteLine($"fault records stored: {stored:N0} (trips on the fault paths: {faultPaths * (long)trips:N0}), left open: {open:N0}; record writes retried: see log");
        data.Delete(recursive: true);
        if (stored < faultPaths * (long)trips)
        {
            Console.Error.WriteLine("Fault records were lost.");
            return 1;
        }

        return 0;
    }

    private static async Task<int> RunAgainWithDaemonGcSettingsAsync()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Under `dotnet bench.dll` the first argument is the dll the muxer must load again; under the apphost
        // (`dotnet run`) it is only the program's own path and would be taken for the command.
        var muxer = string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "dotnet", StringComparison.Ordinal);
        foreach (var arg in Environment.GetCommandLineArgs().Skip(muxer ? 0 : 1))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_GCgen0size"] = Gen0Budget;
        using var child = Process.Start(start)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    /// <summary>EVSE_BENCH_RT=0 measures the loop (and the injecting thread) as ordinary threads; the default is SCHED_FIFO 50.</summary>
    private static int RealTimePriorityFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("EVSE_BENCH_RT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 50;

    /// <param name="realTimeReset">
    /// True: the whole trip-and-reset cycle runs at the driver priority (fast resets). False: only the trip does, and
    /// the reset runs as an ordinary thread; the residual-current reset, which jumps the fake clock over a second of
    /// timers, was measured 10× slower at real-time priority (a lock convoy on the fake clock, we think).
    /// </param>
    private static (long[] Ticks, TripCauses Causes) Measure(string name, int trips, TimedConnector connector, Action trip, Action reset, Func<string> describe, bool realTimeReset = true) =>
        RealTimeThread.Run($"trips: {name}", realTimeReset ? DriverPriority : 0, () => MeasureHere(name, trips, connector, trip, reset, describe, realTimeReset));

    private static (long[] Ticks, TripCauses Causes) MeasureHere(string name, int trips, TimedConnector connector, Action trip, Action reset, Func<string> describe, bool realTimeReset)
    {
        var samples = new long[trips];
        var causes = new TripCauses(
            OutlierTicks,
            ProbeRunQueue ? new[] { RunQueueWait.ForThreadNamed("connector-1"), RunQueueWait.ForCurrentThread("injector") }.OfType<RunQueueWait>().ToArray() : null);
        var watch = Stopwatch.StartNew();

        // Warm-up trips, not counted: the first trip of a path runs code the JIT has not compiled yet (measured 10–14 ms
        // for the posted fault, once per process). That cost is reported apart as the cold trip, not mixed into the tail.
        var warmUp = Math.Min(WarmUpTrips, trips);
        long allocatedAtStart = 0;
        for (var i = -warmUp; i < trips; i++)
        {
            if (i > 0 && i % 10_000 == 0)
            {
                Console.Error.WriteLine($"  {i:N0} trips after {watch.Elapsed.TotalSeconds:0} s");
            }

            if (!realTimeReset)
            {
                RealTimeThread.Enter(DriverPriority);
            }

            causes.Before();
            var before = Stopwatch.GetTimestamp();
            var cycleStart = before;
            trip();
            if (!realTimeReset)
            {
                RealTimeThread.Leave(DriverPriority);
            }
            if (!connector.TimedContactor.Opened.Wait(TimeSpan.FromSeconds(5)))
            {
                throw new TimeoutException($"Trip {i} did not open the contactor within 5 s.");
            }

            var latency = connector.TimedContactor.OpenedAt - before;
            if (i < 0)
            {
                if (i == -warmUp)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: cold first trip {Micro(latency):0} µs (then {warmUp} warm-up trips, not counted)"));
                }

                reset();
                WaitClosed(connector, $"re-close after warm-up trip {i}", describe);
                allocatedAtStart = GC.GetTotalAllocatedBytes(precise: false);
                continue;
            }

            samples[i] = latency;
            causes.After(samples[i]);
            if (i == trips - 1)
            {
                // With --no-load this is the loop's, the writer's and the harness's own allocation per trip and reset.
                var perTrip = (GC.GetTotalAllocatedBytes(precise: false) - allocatedAtStart) / (double)trips;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  done in {watch.Elapsed.TotalSeconds:0} s, {perTrip:N0} B allocated per trip and reset (whole process): {Row(name, [.. samples])}"));
            }

            reset();
            WaitClosed(connector, $"re-close after trip {i}", describe);
            var rest = PaceMicroseconds >= 0 ? PaceMicroseconds : (int)Math.Min(Micro(Stopwatch.GetTimestamp() - cycleStart), 100_000);
            if (rest > 0)
            {
                RealTimeThread.SleepMicroseconds(rest);
            }
        }

        return (samples, causes);
    }

    /// <summary>For a failure message only: the protection's residual-current tracker (private state, read by reflection).</summary>
    private static string ProtectionTracker(ConnectorController controller)
    {
        var flags = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
        var protection = typeof(ConnectorController).GetField("_protection", flags)?.GetValue(controller);
        var state = protection?.GetType().GetField("_state", flags)?.GetValue(protection) as ProtectionState;
        var seen = protection?.GetType().GetField("_residualTripSeen", flags)?.GetValue(protection);
        return state is null ? "n/a" : $"{state.Trackers[FaultCode.ResidualCurrent]} seen {seen}";
    }

    /// <summary>
    /// Like <see cref="SpinWait.SpinUntil(Func{bool}, TimeSpan)"/> without its 1 ms sleeps: the loop answers a step in
    /// microseconds, and a millisecond slept per step made the recovery, not the trip, the run's cost. The caller is an
    /// ordinary thread; yielding leaves its core to anything that wants it.
    /// </summary>
    private static bool SpinUntil(Func<bool> condition, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return true;
    }

    private static void StepUntilClosed(FakeTimeProvider time, TimedConnector connector)
    {
        // Retry time (1 sample) + the sample that sees the trip + the 300 ms state F hold: 5 steps normally; 40 is a bound.
        // Each step waits until the loop has read the meter, i.e. taken the sample the step queued: samples left in the
        // inbox would be taken after the next trip at a later clock, and could raise and clear the protection's fault
        // before the trip's own FaultRaised is stepped, leaving the connector faulted for good.
        for (var step = 0; step < 40 && !connector.TimedContactor.Closed.IsSet; step++)
        {
            var reads = connector.CountingMeter.Reads;
            time.Advance(Loop.SampleInterval);
            SpinUntil(() => connector.CountingMeter.Reads > reads, TimeSpan.FromSeconds(5));
        }
    }

    private static void BoundWriterBacklog(ConnectorController controller)
    {
        // A blocking wait: a spin at the injector's real-time priority would keep the (ordinary) writer off the core.
        if (WriterBacklog >= 0 && controller.PendingRecordWrites > WriterBacklog && !controller.WaitForRecords(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"The record writer did not catch up within 30 s ({controller.PendingRecordWrites} queued).");
        }
    }

    private static void AdvancePastStateF(FakeTimeProvider time, ConnectorController controller)
    {
        // Let the loop see the clearing event before the hold time ends, then end the state F hold.
        SpinUntil(() => controller.Snapshot.State.ActiveFaults.IsEmpty, TimeSpan.FromSeconds(5));
        time.Advance(ConnectorSettings.StateFHold);
    }

    private static void WaitClosed(TimedConnector connector, string what, Func<string>? describe = null)
    {
        if (!connector.TimedContactor.Closed.Wait(TimeSpan.FromSeconds(5)))
        {
            throw new TimeoutException($"The contactor did not close ({what}); {describe?.Invoke()}");
        }
    }

    private static string Row(string path, long[] ticks)
    {
        Array.Sort(ticks);
        return string.Create(CultureInfo.InvariantCulture, $"| {path} | {ticks.Length:N0} | {Micro(Percentile(ticks, 0.50)):0.0} | {Micro(Percentile(ticks, 0.99)):0.0} | {Micro(Percentile(ticks, 0.999)):0.0} | {Micro(ticks[^1]):0.0} |");
    }

    private static long Percentile(long[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static double Micro(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private static bool GCConcurrent() => AppContext.TryGetSwitch("System.GC.Concurrent", out var on) && on;

    private static long RssBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Environment.WorkingSet;
    }

    private sealed class SingleConnectorView(ConnectorController controller) : IStationView
    {
        public IReadOnlyList<ConnectorSnapshot> Connectors => [controller.Snapshot];

        public GridReading Grid => new(false, null, null, false);

        public bool IsHealthy(out string reason) => controller.IsHealthy(out reason);
    }
}
