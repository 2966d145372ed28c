using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Evse.Ocpp.Validation;
using Evse.Testing.Ocpp;

namespace Evse.Host.Tests.Ocpp;

/// <summary>
/// What a back office can check in its own record after any number of crashes of the charge point: every frame valid
/// per the official schema, one StartTransaction and one StopTransaction per session, MeterValues inside their
/// transaction, in time order and with an energy register that never goes down.
/// </summary>
public static class CentralSystemLedger
{
    /// <summary>The counts a run reports.</summary>
    /// <param name="Sessions">Transactions the Central System saw started (each also stopped).</param>
    /// <param name="Replays">Transaction messages received twice, byte for byte, as the first one after a boot.</param>
    /// <param name="MeterValues">Transaction MeterValues CALLs received.</param>
    public sealed record Summary(int Sessions, int Replays, int MeterValues);

    /// <summary>
    /// Every CALL of the charge point valid per its <c>.req</c> schema, every CALLRESULT it sent valid per the
    /// <c>.conf</c> schema of the Central System's CALL it answers.
    /// </summary>
    public static void AssertSchemaValid(IReadOnlyList<CentralSystemFrame> frames)
    {
        var centralSystemCalls = new Dictionary<string, string>();
        foreach (var frame in frames)
        {
            if (!frame.FromChargePoint)
            {
                if (frame.MessageType == 2)
                {
                    centralSystemCalls[frame.MessageId] = frame.Action!;
                }

                continue;
            }

            string action;
            OcppPayloadKind kind;
            if (frame.MessageType == 2)
            {
                (action, kind) = (frame.Action!, OcppPayloadKind.Request);
            }
            else if (frame.MessageType == 3 && centralSystemCalls.TryGetValue(frame.MessageId, out var answered))
            {
                (action, kind) = (answered, OcppPayloadKind.Confirmation);
            }
            else
            {
                Assert.Fail($"the charge point sent a frame that is neither a CALL nor the answer to one of ours: {frame.Text}");
                continue;
            }

            using var payload = JsonDocument.Parse(frame.PayloadJson);
            var check = OcppSchemaValidator.Default.Validate(action, kind, payload.RootElement);
            Assert.True(check.IsValid, $"{action} {kind} breaks its schema ({check.ErrorCode}: {check.Message}): {frame.Text}");
        }
    }

    /// <summary>
    /// The energy register of each connector never goes down across transactions either, as a metering IC keeps it
    /// through power cuts: every meterStart is at least the highest register the Central System saw on that connector
    /// before (meterStart, MeterValues, meterStop), within 1 Wh of rounding.
    /// </summary>
    public static void AssertRegisterNeverDecreases(IReadOnlyList<CentralSystemFrame> frames)
    {
        var highestWh = new Dictionary<int, double>();
        var connectorOfTransaction = new Dictionary<int, int>();
        var answers = frames.Where(f => !f.FromChargePoint && f.MessageType == 3).ToDictionary(f => f.MessageId, f => f.Payload);
        foreach (var call in frames.Where(f => f.FromChargePoint && f.MessageType == 2))
        {
            var p = call.Payload;
            switch (call.Action)
            {
                case "StartTransaction":
                    var connector = p["connectorId"]!.GetValue<int>();
                    var meterStart = p["meterStart"]!.GetValue<int>();
                    Assert.True(meterStart >= Highest(connector) - 1, $"meterStart {meterStart} below the connector's register {Highest(connector)} Wh seen before: {call.Text}");
                    Raise(connector, meterStart);
                    if (answers.TryGetValue(call.MessageId, out var conf))
                    {
                        connectorOfTransaction[conf["transactionId"]!.GetValue<int>()] = connector;
                    }

                    break;
                case "MeterValues" when p["transactionId"] is not null:
                    foreach (var value in p["meterValue"]!.AsArray())
                    {
                        var energy = value!["sampledValue"]!.AsArray().FirstOrDefault(s => (s!["measurand"]?.GetValue<string>() ?? "Energy.Active.Import.Register") == "Energy.Active.Import.Register");
                        if (energy is not null)
                        {
                            Raise(p["connectorId"]!.GetValue<int>(), double.Parse(energy["value"]!.GetValue<string>(), CultureInfo.InvariantCulture));
                        }
                    }

                    break;
                case "StopTransaction" when connectorOfTransaction.TryGetValue(p["transactionId"]!.GetValue<int>(), out var stopConnector):
                    Raise(stopConnector, p["meterStop"]!.GetValue<int>());
                    break;
            }
        }

        double Highest(int connector) => highestWh.GetValueOrDefault(connector);

        void Raise(int connector, double wh) => highestWh[connector] = Math.Max(Highest(connector), wh);
    }

    /// <summary>
    /// Checks the transaction messages; a message may repeat only byte for byte and only as the first transaction
    /// message after a BootNotification (the one in flight when the charge point died: at-least-once delivery).
    /// </summary>
    /// <param name="frames">Everything the Central System saw, in order.</param>
    /// <param name="startsAnswered">
    /// True where the Central System answers every StartTransaction it receives before the charge point can die (the
    /// in-process power-cut tests cut between steps); false where a process kill can land between the two.
    /// </param>
    public static Summary AssertTransactions(IReadOnlyList<CentralSystemFrame> frames, bool startsAnswered = false)
    {
        var replays = 0;
        var meterValues = 0;
        var answers = frames.Where(f => !f.FromChargePoint && f.MessageType == 3).ToDictionary(f => f.MessageId, f => f.Payload);
        var starts = new Dictionary<int, JsonObject>();
        var startIdsByPayload = new Dictionary<string, int>();
        var stops = new Dictionary<int, JsonObject>();
        var lastEnergy = new Dictionary<int, (DateTimeOffset At, double Wh)>();
        var seen = new HashSet<string>();
        var firstTransactionCallSinceBoot = true;
        foreach (var call in frames.Where(f => f.FromChargePoint && f.MessageType == 2))
        {
            var p = call.Payload;
            if (call.Action == "BootNotification")
            {
                firstTransactionCallSinceBoot = true;
            }

            if (call.Action is not ("StartTransaction" or "StopTransaction" or "MeterValues"))
            {
                continue;
            }

            var isReplay = !seen.Add(call.Action + call.PayloadJson);
            if (isReplay)
            {
                Assert.True(firstTransactionCallSinceBoot, $"a message was repeated other than as the in-flight one at a crash: {call.Text}");
                replays++;
                firstTransactionCallSinceBoot = false;

                // A Start whose first copy died unanswered with the process gets its id from the replay's answer.
                if (call.Action == "StartTransaction" && !startIdsByPayload.ContainsKey(call.PayloadJson)
                    && answers.TryGetValue(call.MessageId, out var replayConf))
                {
                    AddStart(replayConf["transactionId"]!.GetValue<int>(), call);
                }

                continue;
            }

            firstTransactionCallSinceBoot = false;
            switch (call.Action)
            {
                case "StartTransaction":
                    // Unanswered only when the process died before the Central System's answer; then it must come again.
                    Assert.True(!startsAnswered || answers.ContainsKey(call.MessageId), $"every StartTransaction the Central System received was answered before the cut: {call.Text}");
                    if (answers.TryGetValue(call.MessageId, out var conf))
                    {
                        AddStart(conf["transactionId"]!.GetValue<int>(), call);
                    }

                    break;
                case "StopTransaction":
                    var stopId = p["transactionId"]!.GetValue<int>();
                    Assert.True(starts.ContainsKey(stopId), $"StopTransaction before or without its StartTransaction: {call.Text}");
                    Assert.True(stops.TryAdd(stopId, p), $"StopTransaction sent twice for transaction {stopId}: {call.Text}");
                    Assert.True(p["meterStop"]!.GetValue<int>() >= starts[stopId]["meterStart"]!.GetValue<int>(), $"meterStop below meterStart: {call.Text}");
                    if (lastEnergy.TryGetValue(stopId, out var lastMeter))
                    {
                        // Energy never decreases within a transaction (checked below), so the last value is the highest
                        // reported: a Central System bills meterStop - meterStart and must not see less than it was told.
                        Assert.True(p["meterStop"]!.GetValue<int>() >= Math.Round(lastMeter.Wh), $"meterStop below the highest meter value {lastMeter.Wh} Wh reported: {call.Text}");

                        // A stop timestamped before a value already reported (e.g. a PowerLoss stop at the last record
                        // progress) is rejected or mis-billed by a Central System.
                        var stopAt = DateTimeOffset.Parse(p["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                        Assert.True(stopAt >= lastMeter.At, $"StopTransaction timestamp before the last MeterValues timestamp {lastMeter.At:O} of its transaction: {call.Text}");
                    }

                    break;
                case "MeterValues" when p["transactionId"] is { } tx:
                    meterValues++;
                    var meterId = tx.GetValue<int>();
                    Assert.True(starts.ContainsKey(meterId) && !stops.ContainsKey(meterId), $"MeterValues outside its transaction: {call.Text}");
                    foreach (var value in p["meterValue"]!.AsArray())
                    {
                        var at = DateTimeOffset.Parse(value!["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                        var energy = value["sampledValue"]!.AsArray().FirstOrDefault(s => (s!["measurand"]?.GetValue<string>() ?? "Energy.Active.Import.Register") == "Energy.Active.Import.Register");
                        Assert.NotNull(energy);
                        var wh = double.Parse(energy["value"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                        if (lastEnergy.TryGetValue(meterId, out var last))
                        {
                            Assert.True(at > last.At, $"meter values out of order or repeated: {call.Text}");
                            Assert.True(wh >= last.Wh, $"energy decreased: {call.Text}");
                        }
                        else
                        {
                            Assert.True(wh >= starts[meterId]["meterStart"]!.GetValue<int>() - 1, $"energy below meterStart: {call.Text}");
                        }

                        lastEnergy[meterId] = (at, wh);
                    }

                    break;
            }
        }

        Assert.Equal(starts.Keys.Order(), stops.Keys.Order());
        return new Summary(starts.Count, replays, meterValues);

        void AddStart(int id, CentralSystemFrame call)
        {
            Assert.True(starts.TryAdd(id, call.Payload), $"StartTransaction sent twice for transaction {id}: {call.Text}");
            startIdsByPayload[call.PayloadJson] = id;
        }
    }
}
