using System.Text.Json.Nodes;
using Evse.Host.Storage.Outbox;
using Evse.Ocpp.Outbox;
using Evse.Testing;

namespace Evse.Host.Tests.Storage.Outbox;

/// <summary>
/// Kill at any point: a session script runs against the outbox on a real SQLite file, and after every single step
/// the outbox and its store are thrown away and rebuilt on the same file (what a power cut and a restart do).
/// The session layer then replays its last enqueue, as it would when it cannot know whether the enqueue finished.
/// </summary>
public sealed class SqliteOutboxPowerLossTests : IDisposable
{
    private const int Sessions = 3;
    private const int MetersPerSession = 35;

    private readonly OutboxTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new();
    private readonly CentralSystem _cs = new();
    private readonly CountingLogger<TransactionOutbox> _logger = new();
    private readonly long[] _localIds = new long[Sessions];
    private SqliteOutboxStore _store;
    private TransactionOutbox _outbox;

    public SqliteOutboxPowerLossTests()
    {
        _store = _database.NewStore();
        _outbox = NewOutbox();
    }

    public void Dispose()
    {
        _outbox.Dispose();
        _store.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task SessionScript_RebuiltAfterEveryStep_ExactlyOneStartAndStopMetersInOrderNoLoss()
    {
        var steps = Script();
        Assert.True(steps.Count >= 200, $"only {steps.Count} interruption points");

        foreach (var step in steps)
        {
            await step.Run();
            Crash();
            if (step.Replay is { } replay)
            {
                Assert.Equal(OutboxEnqueueResult.Duplicate, replay());
            }
        }

        _cs.Online = true;
        await DrainAsync();

        AssertCentralSystemSawEverySessionOnce();
        Assert.Equal(0, _store.CountPending());
        Assert.Equal(0, _logger.Errors);
    }

    [Fact]
    public async Task SessionScript_CrashWhileCentralSystemAnswers_ResendsSameBytesOnlyForThatMessage()
    {
        var crashes = 0;
        var steps = Script();
        foreach (var (step, index) in steps.Select((s, i) => (s, i)))
        {
            // Every fifth step the "power fails" after the Central System processed the CALL but before we stored its answer.
            _cs.DieAfterProcessing = index % 5 == 0;
            try
            {
                await step.Run();
            }
            catch (PowerFailureException)
            {
                crashes++;
            }

            _cs.DieAfterProcessing = false;
            Crash();
        }

        _cs.Online = true;
        await DrainAsync();

        Assert.True(crashes > 10, $"only {crashes} crashes were injected");
        var distinct = _cs.Processed.Distinct().ToList();
        Assert.True(_cs.Processed.Count - distinct.Count <= crashes);
        _cs.Processed.Clear();
        _cs.Processed.AddRange(distinct);
        AssertCentralSystemSawEverySessionOnce();
    }

    private static string StartPayload(int session) =>
        $$"""{"connectorId":1,"idTag":"CARD{{session}}","meterStart":{{session * 100_000}},"timestamp":"2026-01-05T08:00:00Z"}""";

    private static string MeterPayload(int session, int meter) =>
        $$"""{"connectorId":1,"transactionId":-1,"meterValue":[{"timestamp":"2026-01-05T08:00:00Z","sampledValue":[{"value":"{{(session * 100_000) + (meter * 100)}}","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}""";

    private static string StopPayload(int session) =>
        $$"""{"transactionId":-1,"idTag":"CARD{{session}}","meterStop":{{(session * 100_000) + ((MetersPerSession + 1) * 100)}},"timestamp":"2026-01-05T09:00:00Z","reason":"Local"}""";

    private TransactionOutbox NewOutbox() =>
        new(_store, _cs, () => new OutboxRetryPolicy(10, TimeSpan.FromSeconds(10)), _time, _logger);

    private void Crash()
    {
        _outbox.Dispose();
        _store.Dispose();
        _store = _database.NewStore();
        _outbox = NewOutbox();
    }

    private List<Step> Script()
    {
        var steps = new List<Step>();
        for (var s = 0; s < Sessions; s++)
        {
            var session = s;
            // Session 1 happens entirely offline; the others see CALLERRORs and timeouts on the way.
            steps.Add(new Step(() => { _cs.Online = session != 1; return Task.CompletedTask; }, null));
            steps.Add(new Step(() => { _localIds[session] = _outbox.BeginTransaction(); return Task.CompletedTask; }, null));
            AddEnqueue(steps, session, OutboxMessageKind.StartTransaction, 0, StartPayload(session));
            for (var m = 1; m <= MetersPerSession; m++)
            {
                AddEnqueue(steps, session, OutboxMessageKind.MeterValues, m, MeterPayload(session, m));
                var faulty = m % 7 == 0;
                var slow = m % 11 == 0;
                steps.Add(new Step(
                    async () =>
                    {
                        _cs.FailNext = faulty ? 1 : 0;
                        _cs.TimeoutNext = slow ? 1 : 0;
                        await PumpOnceAdvancingClockAsync();
                    },
                    null));
            }

            AddEnqueue(steps, session, OutboxMessageKind.StopTransaction, 0, StopPayload(session));
            steps.Add(new Step(PumpOnceAdvancingClockAsync, null));
        }

        return steps;
    }

    private void AddEnqueue(List<Step> steps, int session, OutboxMessageKind kind, int sequence, string payload)
    {
        OutboxEnqueueResult Enqueue() => _outbox.Enqueue(new OutboxMessageKey(_localIds[session], kind, sequence), payload);
        steps.Add(new Step(
            () =>
            {
                Assert.Equal(OutboxEnqueueResult.Enqueued, Enqueue());
                return Task.CompletedTask;
            },
            Enqueue));
    }

    private async Task PumpOnceAdvancingClockAsync()
    {
        var result = await _outbox.PumpOnceAsync(CancellationToken.None);
        if (result.Status == OutboxPumpStatus.Waiting)
        {
            _time.SetUtcNow(result.NextAttemptAt!.Value);
        }
    }

    private async Task DrainAsync()
    {
        for (var i = 0; i < 10_000; i++)
        {
            var result = await _outbox.PumpOnceAsync(CancellationToken.None);
            if (result.Status == OutboxPumpStatus.Empty)
            {
                return;
            }

            if (result.Status == OutboxPumpStatus.Waiting)
            {
                _time.SetUtcNow(result.NextAttemptAt!.Value);
            }
        }

        throw new InvalidOperationException("The outbox does not drain.");
    }

    private void AssertCentralSystemSawEverySessionOnce()
    {
        var messages = _cs.Processed.Select(p => (p.Action, Json: (JsonObject)JsonNode.Parse(p.Payload)!)).ToList();
        Assert.Equal(Sessions * (MetersPerSession + 2), messages.Count);

        var starts = messages.Where(m => m.Action == "StartTransaction").ToList();
        Assert.Equal(Enumerable.Range(0, Sessions).Select(s => $"CARD{s}"), starts.Select(m => (string)m.Json["idTag"]!));

        for (var s = 0; s < Sessions; s++)
        {
            Assert.True(_outbox.TryGetCentralTransactionId(_localIds[s], out var centralId));
            var stop = Assert.Single(messages, m => m.Action == "StopTransaction" && (string)m.Json["idTag"]! == $"CARD{s}");
            Assert.Equal(centralId, (int)stop.Json["transactionId"]!);

            var energies = messages
                .Where(m => m.Action == "MeterValues" && (int)m.Json["transactionId"]! == centralId)
                .Select(m => long.Parse((string)m.Json["meterValue"]![0]!["sampledValue"]![0]!["value"]!, System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            Assert.Equal(Enumerable.Range(1, MetersPerSession).Select(m => (s * 100_000L) + (m * 100L)), energies);
        }

        // Strict FIFO: the Central System saw each session's start, meters and stop before the next session's start.
        var order = messages.Select(m => m.Action == "StartTransaction" ? "S" : m.Action == "StopTransaction" ? "E" : "M");
        var expected = Enumerable.Repeat("S" + new string('M', MetersPerSession) + "E", Sessions);
        Assert.Equal(string.Concat(expected), string.Concat(order));
    }

    private sealed record Step(Func<Task> Run, Func<OutboxEnqueueResult>? Replay);

    private sealed class PowerFailureException : Exception
    {
        public PowerFailureException()
            : base("Simulated power failure after the Central System processed the message.")
        {
        }
    }

    /// <summary>Processes what it receives (assigns ids, records), unless offline, failing or silent.</summary>
    private sealed class CentralSystem : IOutboxSender
    {
        private int _nextTransactionId = 500;

        public List<(string Action, string Payload)> Processed { get; } = [];

        public bool Online { get; set; } = true;

        public int FailNext { get; set; }

        public int TimeoutNext { get; set; }

        public bool DieAfterProcessing { get; set; }

        public Task<OutboxSendResult> SendAsync(string action, string payloadJson, CancellationToken cancellationToken)
        {
            if (!Online)
            {
                return Task.FromResult(OutboxSendResult.NotConnected);
            }

            if (TimeoutNext > 0)
            {
                TimeoutNext--;
                return Task.FromResult(OutboxSendResult.Timeout);
            }

            if (FailNext > 0)
            {
                FailNext--;
                return Task.FromResult(OutboxSendResult.CallError("InternalError", "try again"));
            }

            var duplicate = Processed.Contains((action, payloadJson));
            Processed.Add((action, payloadJson));
            var conf = action == "StartTransaction"
                ? $$"""{"idTagInfo":{"status":"Accepted"},"transactionId":{{(duplicate ? StartIdOf(payloadJson) : _nextTransactionId++)}}}"""
                : "{}";
            if (DieAfterProcessing)
            {
                throw new PowerFailureException();
            }

            return Task.FromResult(OutboxSendResult.Confirmed(conf));
        }

        // A Central System that recognises a resent StartTransaction answers with the id it gave the first time.
        private int StartIdOf(string payloadJson) =>
            500 + Processed.Where(p => p.Action == "StartTransaction").Select(p => p.Payload).Distinct().ToList().IndexOf(payloadJson);
    }
}
