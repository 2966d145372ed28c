using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Evse.Host.Storage;
using Evse.Host.Storage.Outbox;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Outbox;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.Transport;
using Evse.Ocpp.Validation;
using Evse.Testing.Ocpp;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Benchmarks.Backlog;

/// <summary>
/// `backlog [n] [--profile]`: an offline backlog of n transaction messages in the real SQLite outbox (WAL, synchronous=FULL, on
/// the working disk), replayed over a real WebSocket to a loopback Central System. Prints messages/s against the
/// 1/round-trip bound measured in the same run with Heartbeat ping-pong, checks at the Central System that nothing
/// was lost, repeated or reordered, and shows RSS before and after.
/// </summary>
public static class BacklogBenchmark
{
    private const int MeterValuesPerSession = 48;

    public static async Task<int> RunAsync(int messages)
    {
        // Read here rather than in Program so the switch stays inside this benchmark's folder.
        var arguments = Environment.GetCommandLineArgs();
        var profiled = arguments.Contains("--profile");
        var directory = Path.Combine(Environment.CurrentDirectory, "backlog-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        try
        {
            return await RunInAsync(directory, messages, profiled);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<int> RunInAsync(string directory, int messages, bool profiled)
    {
        var time = TimeProvider.System;
        using (new SqliteDatabase(directory, NullLogger<SqliteDatabase>.Instance))
        {
            // Creates the file with every migration, as the daemon does.
        }

        var file = Path.Combine(directory, SqliteDatabase.FileName);
        using var store = new SqliteOutboxStore(() => new SqliteConnection($"Data Source={file};Pooling=False"));
        var expected = new List<(string Action, long Local, string Payload)>();
        var fill = Stopwatch.StartNew();
        using (var offline = new TransactionOutbox(store, new OfflineSender(), () => new OutboxRetryPolicy(3, TimeSpan.FromSeconds(10)), time, NullLogger<TransactionOutbox>.Instance))
        {
            var at = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
            while (expected.Count < messages)
            {
                var local = offline.BeginTransaction();
                var meterWh = 0;
                Add(offline, expected, local, OutboxMessageKind.StartTransaction, 0, $$"""{"connectorId":1,"idTag":"04A1B2C3","meterStart":{{meterWh}},"timestamp":"{{Stamp(at)}}"}""");
                for (var i = 1; i <= MeterValuesPerSession && expected.Count < messages - 1; i++)
                {
                    at = at.AddMinutes(1);
                    meterWh += 61;
                    Add(offline, expected, local, OutboxMessageKind.MeterValues, i, $$"""{"connectorId":1,"transactionId":0,"meterValue":[{"timestamp":"{{Stamp(at)}}","sampledValue":[{"value":"{{meterWh}}","context":"Sample.Periodic","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"},{"value":"3680","context":"Sample.Periodic","measurand":"Power.Active.Import","location":"Outlet","unit":"W"}]}]}""");
                }

                Add(offline, expected, local, OutboxMessageKind.StopTransaction, 0, $$"""{"idTag":"04A1B2C3","meterStop":{{meterWh}},"timestamp":"{{Stamp(at)}}","transactionId":0,"reason":"Local"}""");
            }
        }

        fill.Stop();
        Console.WriteLine($"Backlog: {expected.Count} messages stored in {fill.Elapsed.TotalSeconds:F1} s ({expected.Count / fill.Elapsed.TotalSeconds:F0}/s enqueue), pending {store.CountPending()}");

        await using var centralSystem = await LoopbackCentralSystem.StartAsync();

        // The strict peer check would parse and schema-validate every frame on the Central System's receive loop, inside
        // the round trip being measured; the replay is checked at the end instead (all once, in order, mapped ids).
        centralSystem.CheckFrames = false;
        using var webSocket = new OcppWebSocketTransport(
            new OcppWebSocketOptions { CentralSystemUrl = centralSystem.BaseUrl, ChargePointId = "BENCH", PingInterval = TimeSpan.Zero },
            time,
            new Random(1),
            NullLogger<OcppWebSocketTransport>.Instance);
        var transport = new ProfilingTransport(webSocket);
        using var dispatcher = new OcppRpcDispatcher(
            transport, new OcppHandlerRegistry(), new GuidMessageIdGenerator(), time, new OcppRpcOptions(), NullLogger<OcppRpcDispatcher>.Instance);
        using var stop = new CancellationTokenSource();
        var link = transport.RunAsync(dispatcher, stop.Token);
        while (!dispatcher.IsConnected)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), time);
        }

        // The bound: sequential CALL/CALLRESULT round trips through the same stack and the same Central System.
        for (var i = 0; i < 300; i++)
        {
            await dispatcher.CallAsync(new HeartbeatRequest(), stop.Token);
        }

        const int pings = 3000;
        var ping = Stopwatch.StartNew();
        for (var i = 0; i < pings; i++)
        {
            await dispatcher.CallAsync(new HeartbeatRequest(), stop.Token);
        }

        ping.Stop();
        var roundTrip = ping.Elapsed / pings;
        var bound = 1 / roundTrip.TotalSeconds;
        centralSystem.ClearFrames();

        var rssBefore = Environment.WorkingSet;
        var profile = profiled ? new ReplayProfile() : null;
        IOutboxStore replayStore = profile is null ? store : new ProfilingOutboxStore(store, profile);
        transport.Profile = profile;
        using var outbox = new TransactionOutbox(replayStore, new DispatcherOutboxSender(dispatcher, profile), () => new OutboxRetryPolicy(3, TimeSpan.FromSeconds(10)), time, NullLogger<TransactionOutbox>.Instance);
        // The machine's speed drifts over seconds, so the bound is also measured in the replay's own time window: after
        // every block of replayed messages, a block of Heartbeats (timed apart from the replay, and left out of its time).
        const int Block = 100;
        var interleaved = profile is null;
        var interleavedPing = new Stopwatch();
        var interleavedPings = 0;
        // The same-message bound: MeterValues of the replay's size sent straight through the dispatcher (no outbox, no
        // store), on connector 2 so the check below can tell them from the replay's own.
        var probe = ProbeMeterValues();
        var interleavedProbe = new Stopwatch();
        var interleavedProbes = 0;
        CallTimeline.Start((messages * 3) + 1000);
        CallTimeline.SetKind(GapReport.Replay);
        var replay = Stopwatch.StartNew();
        var delivered = 0;
        while (true)
        {
            if (interleaved && delivered > 0 && delivered % Block == 0)
            {
                replay.Stop();
                CallTimeline.SetKind(GapReport.Heartbeat);
                interleavedPing.Start();
                for (var i = 0; i < Block; i++)
                {
                    await dispatcher.CallAsync(new HeartbeatRequest(), stop.Token);
                }

                interleavedPing.Stop();
                interleavedPings += Block;
                CallTimeline.SetKind(GapReport.Probe);
                interleavedProbe.Start();
                for (var i = 0; i < Block; i++)
                {
                    CallTimeline.Mark(CallTimeline.NextHandedToSender);
                    var sent = await dispatcher.CallPreparedAsync("MeterValues", probe, stop.Token);
                    if (sent.Status != OcppCallStatus.Confirmed)
                    {
                        Console.WriteLine($"Probe MeterValues failed: {sent.Status}");
                    }
                }

                interleavedProbe.Stop();
                interleavedProbes += Block;
                CallTimeline.SetKind(GapReport.Replay);
                replay.Start();
            }

            profile?.Start();
            var result = await outbox.PumpOnceAsync(stop.Token);
            profile?.Lap("outbox: log, raise Delivered, return");
            if (result.Status != OutboxPumpStatus.Delivered)
            {
                if (result.Status != OutboxPumpStatus.Empty)
                {
                    Console.WriteLine($"Stopped early: {result.Status}");
                }

                break;
            }

            delivered++;
        }

        replay.Stop();
        var (marks, kinds, used) = CallTimeline.Stop();
        transport.Profile = null;
        var rssAfter = Environment.WorkingSet;
        var rate = delivered / replay.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await link;

        var problems = Check(centralSystem, expected);
        Console.WriteLine($"Round trip (Heartbeat, {pings} sequential, before the replay): {roundTrip.TotalMicroseconds:F0} µs → bound {bound:F0} msg/s");
        Console.WriteLine($"Replay: {delivered} messages in {replay.Elapsed.TotalSeconds:F2} s = {rate:F0} msg/s = {rate / bound:P0} of that bound ({replay.Elapsed.TotalMicroseconds / delivered:F0} µs per message)");
        if (interleavedPings > 0)
        {
            var interleavedTrip = interleavedPing.Elapsed / interleavedPings;
            var interleavedBound = 1 / interleavedTrip.TotalSeconds;
            Console.WriteLine($"Round trip (Heartbeat, {interleavedPings} in blocks of {Block} between the replay's blocks): {interleavedTrip.TotalMicroseconds:F0} µs → bound {interleavedBound:F0} msg/s; replay = {rate / interleavedBound:P0} of it");
            var probeTrip = interleavedProbe.Elapsed / interleavedProbes;
            var probeBound = 1 / probeTrip.TotalSeconds;
            Console.WriteLine($"Round trip (same-size MeterValues straight through the dispatcher, {interleavedProbes} in blocks of {Block} after each Heartbeat block): {probeTrip.TotalMicroseconds:F0} µs → bound {probeBound:F0} msg/s; replay = {rate / probeBound:P0} of it (outbox's own cost {replay.Elapsed.TotalMicroseconds / delivered - probeTrip.TotalMicroseconds:F0} µs per message)");
        }

        GapReport.Print(marks, kinds, used);
        Console.WriteLine($"RSS before replay {rssBefore / 1048576.0:F1} MiB, after {rssAfter / 1048576.0:F1} MiB; pending after {store.CountPending()}");
        if (profile is not null)
        {
            profile.Print(delivered, replay.Elapsed);
            PrintValidationCost(expected);
        }

        Console.WriteLine(problems.Count == 0 ? "Central System: all messages received once, in order, with the mapped transaction ids" : "Central System found problems:\n" + string.Join("\n", problems.Take(10)));
        return problems.Count == 0 && delivered == expected.Count ? 0 : 1;
    }

    /// <summary>The dispatcher validates each outgoing payload against the official schema; timed here on its own
    /// (same payloads, same validator) because it runs inside one profiled phase.</summary>
    private static void PrintValidationCost(List<(string Action, long Local, string Payload)> expected)
    {
        var validator = OcppSchemaValidator.Default;
        var payloads = expected.Select(e => (e.Action, Utf8: System.Text.Encoding.UTF8.GetBytes(e.Payload))).ToList();
        var watch = Stopwatch.StartNew();
        var invalid = 0;
        foreach (var (action, utf8) in payloads)
        {
            using var document = System.Text.Json.JsonDocument.Parse(utf8);
            invalid += validator.Validate(action, OcppPayloadKind.Request, document.RootElement).IsValid ? 0 : 1;
        }

        watch.Stop();
        Console.WriteLine($"  (of the dispatcher's send work: parse + schema-validate the request {watch.Elapsed.TotalMicroseconds / payloads.Count:F1} µs, timed separately over the same payloads; {invalid} invalid)");
    }

    private static void Add(TransactionOutbox outbox, List<(string, long, string)> expected, long local, OutboxMessageKind kind, int sequence, string payload)
    {
        outbox.Enqueue(new OutboxMessageKey(local, kind, sequence), payload);
        expected.Add((kind.ToString(), local, payload));
    }

    private static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The Central System's view: every message once, in enqueue order, stop and meter values carrying the id
    /// the Central System gave that transaction's start.</summary>
    private static List<string> Check(LoopbackCentralSystem centralSystem, List<(string Action, long Local, string Payload)> expected)
    {
        var problems = new List<string>();
        var calls = centralSystem.Calls().Where(c => c.Action != "Heartbeat" && !IsProbe(c)).ToList();
        var answers = centralSystem.Frames.Where(f => !f.FromChargePoint && f.MessageType == 3).ToDictionary(f => f.MessageId, f => f.Payload);
        if (calls.Count != expected.Count)
        {
            problems.Add($"received {calls.Count} messages, expected {expected.Count}");
        }

        var ids = new Dictionary<long, int>();
        for (var i = 0; i < Math.Min(calls.Count, expected.Count); i++)
        {
            var (action, local, payload) = expected[i];
            var call = calls[i];
            var sent = JsonNode.Parse(payload)!.AsObject();
            if (action == "StartTransaction")
            {
                ids[local] = answers[call.MessageId]["transactionId"]!.GetValue<int>();
            }
            else
            {
                sent["transactionId"] = ids.GetValueOrDefault(local, -1);
            }

            if (call.Action != action || !JsonNode.DeepEquals(call.Payload, sent))
            {
                problems.Add($"#{i}: expected {action} {sent.ToJsonString()}, got {call.Text}");
            }
        }

        return problems;
    }

    /// <summary>A MeterValues like the replay's (same properties and value lengths, a three-digit transactionId as the
    /// mapped ones are), but on connector 2, which no replayed message uses.</summary>
    private static string ProbeMeterValues() =>
        """{"connectorId":2,"transactionId":101,"meterValue":[{"timestamp":"2026-01-05T08:01:00Z","sampledValue":[{"value":"1464","context":"Sample.Periodic","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"},{"value":"3680","context":"Sample.Periodic","measurand":"Power.Active.Import","location":"Outlet","unit":"W"}]}]}""";

    private static bool IsProbe(CentralSystemFrame call) =>
        call.Action == "MeterValues" && call.Payload["connectorId"]?.GetValue<int>() == 2;

    private sealed class OfflineSender : IOutboxSender
    {
        public Task<OutboxSendResult> SendAsync(string action, string payloadJson, CancellationToken cancellationToken) =>
            Task.FromResult(OutboxSendResult.NotConnected);
    }
}
