using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Validation;

namespace Evse.Testing.Ocpp;

/// <summary>
/// A strict OCPP 1.6J Central System's view of everything a charge point sends, fed by
/// <see cref="LoopbackCentralSystem"/> with every frame in both directions in wire order. It never throws into the
/// socket loop: it collects violations, each tagged with a rule name (e.g. <c>[schema]</c>), and the test fixture
/// asserts there are none (or exempts a rule with a written reason).
/// </summary>
/// <remarks>
/// Rules (OCPP-J 1.6 §4, OCPP 1.6 edition 2 §3–§7 and errata):
/// <list type="bullet">
/// <item><c>frame</c>: a JSON array [2,id,action,{}] / [3,id,{}] / [4,id,code,description,{}]; id a string of at most 36
/// characters; a CALLERROR code from the OCPP-J list.</item>
/// <item><c>call-id</c>: a CALL id is unique among the charge point's CALLs of one connection.</item>
/// <item><c>one-call</c>: no CALL while an earlier one is unanswered (a CALL the Central System leaves silent counts as
/// timed out, which OCPP-J §4.1.1 allows to move on from).</item>
/// <item><c>answer</c>: a CALLRESULT/CALLERROR only for an unanswered CALL of the Central System, once.</item>
/// <item><c>schema</c>: CALL payloads against <c>urn:Action.req</c>, CALLRESULT payloads against the <c>.conf</c> of the
/// Central System's CALL with that id (the project's validator over the official schemas).</item>
/// <item><c>registration</c>: until a BootNotification is Accepted only BootNotification; while Pending also answers
/// to the Central System's CALLs and a CALL it asked for with an accepted TriggerMessage; while Rejected nothing
/// but the next BootNotification (§4.2).</item>
/// <item><c>timestamp</c>: every date-time the charge point writes is RFC 3339 in UTC with 'Z'.</item>
/// <item><c>transaction</c>: MeterValues/StopTransaction name a transactionId the Central System gave; per transaction
/// timestamps never go back (StartTransaction, MeterValues, StopTransaction); meterStop at least meterStart and every
/// Energy.Active.Import.Register reported; nothing for a transaction after its StopTransaction except a byte-identical
/// replay of that StopTransaction (at-least-once delivery after a crash).</item>
/// <item><c>status</c>: connectorId 0..<see cref="MaxConnectorId"/>; Faulted carries an errorCode other than NoError (a
/// non-Faulted status with an errorCode is a warning, which §4.9 allows); no two identical consecutive notifications
/// (status, errorCode, info, vendorErrorCode) for one connector on one connection unless a BootNotification or an
/// accepted TriggerMessage StatusNotification came between.</item>
/// <item><c>sampled-value</c>: the unit fits the measurand (the default unit Wh only for energy), phases that fit the
/// measurand (Voltage line-to-neutral or line-to-line, Current a conductor), Raw values numeric, Transaction.Begin/End
/// only inside a transaction, no measurand/phase/location twice in one meterValue.</item>
/// </list>
/// </remarks>
public sealed partial class StrictFrameChecker
{
    private const int MaxMessageIdLength = 36;

    private readonly Lock _gate = new();
    private readonly List<string> _violations = [];
    private readonly Dictionary<string, string> _exemptions = new(StringComparer.Ordinal);

    // Per connection.
    private readonly HashSet<string> _callIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _centralSystemCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _lastStatus = [];
    private string? _outstandingCall;

    // For the Central System's lifetime (a charge point keeps its registration and its transactions across reconnects).
    private readonly Dictionary<string, (string Action, JsonObject Payload)> _chargePointCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _triggerCalls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _triggeredActions = new(StringComparer.Ordinal);
    private readonly HashSet<int> _triggeredStatus = [];
    private readonly Dictionary<int, TransactionTrack> _transactions = [];
    private string _registration = "None";
    private int _frameNumber;

    /// <summary>The highest connectorId a StatusNotification may name (the charger's NumberOfConnectors).</summary>
    public int MaxConnectorId { get; set; } = 1;

    /// <summary>Violations found so far (exempted rules left out), each "#frame [rule] message: frame".</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations.Where(v => !_exemptions.ContainsKey(RuleOf(v)))];
            }
        }
    }

    /// <summary>Every violation, exempted ones included.</summary>
    public IReadOnlyList<string> AllViolations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Stops reporting one rule for this Central System's lifetime; a test's own scripted misbehaviour only.</summary>
    public void Exempt(string rule, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_gate)
        {
            _exemptions[rule] = reason;
        }
    }

    /// <summary>A new WebSocket connection: CALL ids, the one-call rule and the status history start afresh.</summary>
    public void OnConnected()
    {
        lock (_gate)
        {
            _callIds.Clear();
            _centralSystemCalls.Clear();
            _lastStatus.Clear();
            _outstandingCall = null;
        }
    }

    /// <summary>The Central System chose not to answer this CALL: for the charge point it times out.</summary>
    public void OnUnanswered(string messageId)
    {
        lock (_gate)
        {
            if (_outstandingCall == messageId)
            {
                _outstandingCall = null;
            }
        }
    }

    /// <summary>A frame the Central System sends (recorded before it goes on the wire).</summary>
    public void OnCentralSystemFrame(string text)
    {
        lock (_gate)
        {
            try
            {
                var array = (JsonArray)JsonNode.Parse(text)!;
                var type = array[0]!.GetValue<int>();
                var id = array[1]!.GetValue<string>();
                if (type == 2)
                {
                    var action = array[2]!.GetValue<string>();
                    _centralSystemCalls[id] = action;
                    if (action == "TriggerMessage" || action == "ExtendedTriggerMessage")
                    {
                        _triggerCalls[id] = (JsonObject)array[3]!;
                    }

                    return;
                }

                if (_outstandingCall == id)
                {
                    _outstandingCall = null;
                }

                if (type == 3 && _chargePointCalls.TryGetValue(id, out var call))
                {
                    OnAnswered(call.Action, call.Payload, (JsonObject)array[2]!);
                }
                else if (type == 4 && _chargePointCalls.TryGetValue(id, out var failed) && failed.Action == "BootNotification")
                {
                    _registration = "None";
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidCastException or InvalidOperationException or NullReferenceException or ArgumentException)
            {
                // The Central System's own frames are the test's business; a scripted malformed one is not ours to judge.
            }
        }
    }

    /// <summary>A frame the charge point sent.</summary>
    public void OnChargePointFrame(string text)
    {
        lock (_gate)
        {
            _frameNumber++;
            try
            {
                Check(text);
            }
            catch (Exception ex) when (ex is JsonException or InvalidCastException or InvalidOperationException or NullReferenceException or ArgumentException or FormatException)
            {
                Add("frame", $"unreadable ({ex.GetType().Name}: {ex.Message})", text);
            }
        }
    }

    private void OnAnswered(string action, JsonObject request, JsonObject answer)
    {
        switch (action)
        {
            case "BootNotification":
                _registration = answer["status"]?.GetValue<string>() ?? "None";
                _lastStatus.Clear();
                break;
            case "StartTransaction":
                if (answer["transactionId"] is { } idNode)
                {
                    var transactionId = idNode.GetValue<int>();
                    if (!_transactions.ContainsKey(transactionId))
                    {
                        var start = TryTime(request["timestamp"]);
                        _transactions[transactionId] = new TransactionTrack(request["meterStart"]!.GetValue<long>(), start);
                    }
                }

                break;
        }
    }

    private void Check(string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            Add("frame", "not JSON: " + ex.Message, text);
            return;
        }

        if (node is not JsonArray array || array.Count < 3 || array[0] is not JsonValue typeValue
            || !typeValue.TryGetValue<int>(out var type) || array[1] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id))
        {
            Add("frame", "not an OCPP-J message array [type, \"id\", ...]", text);
            return;
        }

        switch (type)
        {
            case 2:
                CheckCall(array, id, text);
                break;
            case 3:
                CheckCallResult(array, id, text);
                break;
            case 4:
                CheckCallError(array, id, text);
                break;
            default:
                Add("frame", $"message type {type} is not 2, 3 or 4", text);
                break;
        }
    }

    private void CheckCall(JsonArray array, string id, string text)
    {
        if (array.Count != 4 || array[2] is not JsonValue actionValue || !actionValue.TryGetValue<string>(out var action)
            || array[3] is not JsonObject payload)
        {
            Add("frame", "a CALL is [2, \"id\", \"Action\", {payload}]", text);
            return;
        }

        if (id.Length is 0 or > MaxMessageIdLength)
        {
            Add("frame", $"CALL id of {id.Length} characters (1..{MaxMessageIdLength})", text);
        }

        if (!_callIds.Add(id))
        {
            Add("call-id", $"CALL id {id} used twice on one connection", text);
        }

        if (_outstandingCall is { } open)
        {
            Add("one-call", $"CALL sent while {open} is unanswered", text);
        }

        _outstandingCall = id;
        _chargePointCalls[id] = (action, payload);

        CheckRegistration(action, text);

        if (!OcppSchemaValidator.Default.HasSchema(action, OcppPayloadKind.Request))
        {
            Add("schema", $"no OCPP 1.6 action {action}", text);
            return;
        }

        CheckSchema(action, OcppPayloadKind.Request, payload, text);
        CheckTimestamps(payload, text);
        switch (action)
        {
            case "StatusNotification":
                CheckStatus(payload, text);
                break;
            case "MeterValues":
                CheckMeterValues(payload, text);
                break;
            case "StopTransaction":
                CheckStop(payload, text);
                break;
        }
    }

    private void CheckRegistration(string action, string text)
    {
        if (action == "BootNotification")
        {
            _registration = "Sent";
            return;
        }

        if (_registration == "Accepted")
        {
            return;
        }

        if (_registration == "Pending" && _triggeredActions.Remove(action))
        {
            return;
        }

        Add("registration", $"{action} while the registration is {_registration} (only BootNotification before Accepted)", text);
    }

    private void CheckCallResult(JsonArray array, string id, string text)
    {
        if (array.Count != 3 || array[2] is not JsonObject payload)
        {
            Add("frame", "a CALLRESULT is [3, \"id\", {payload}]", text);
            return;
        }

        if (!TakeCentralSystemCall(id, text, out var action))
        {
            return;
        }

        CheckSchema(action, OcppPayloadKind.Confirmation, payload, text);
        CheckTimestamps(payload, text);
        if (action is "TriggerMessage" or "ExtendedTriggerMessage" && _triggerCalls.Remove(id, out var trigger)
            && payload["status"]?.GetValue<string>() == "Accepted" && trigger["requestedMessage"]?.GetValue<string>() is { } requested)
        {
            _triggeredActions.Add(requested);
            if (requested == "StatusNotification")
            {
                if (trigger["connectorId"] is { } connector)
                {
                    _triggeredStatus.Add(connector.GetValue<int>());
                }
                else
                {
                    for (var c = 0; c <= MaxConnectorId; c++)
                    {
                        _triggeredStatus.Add(c);
                    }
                }
            }
        }
    }

    private void CheckCallError(JsonArray array, string id, string text)
    {
        if (array.Count != 5 || array[2] is not JsonValue codeValue || !codeValue.TryGetValue<string>(out var code)
            || array[3] is not JsonValue descriptionValue || !descriptionValue.TryGetValue<string>(out _)
            || array[4] is not JsonObject)
        {
            Add("frame", "a CALLERROR is [4, \"id\", \"code\", \"description\", {details}]", text);
            return;
        }

        if (!OcppErrorCodes.TryParse(code, out _))
        {
            Add("frame", $"{code} is not an OCPP-J error code", text);
        }

        TakeCentralSystemCall(id, text, out _);
    }

    private bool TakeCentralSystemCall(string id, string text, out string action)
    {
        if (_registration == "Rejected")
        {
            Add("registration", "an answer while the registration is Rejected (§4.2: the Central System gets no answers)", text);
        }

        if (!_centralSystemCalls.Remove(id, out action!))
        {
            Add("answer", $"answer to {id}, which is no unanswered CALL of the Central System on this connection", text);
            return false;
        }

        return true;
    }

    private void CheckSchema(string action, OcppPayloadKind kind, JsonObject payload, string text)
    {
        using var document = JsonDocument.Parse(payload.ToJsonString());
        var result = OcppSchemaValidator.Default.Validate(action, kind, document.RootElement);
        if (!result.IsValid)
        {
            Add("schema", $"{action}.{(kind == OcppPayloadKind.Request ? "req" : "conf")} {result.ErrorCode}: {result.Message}", text);
        }
    }

    private void CheckTimestamps(JsonNode? node, string text)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    CheckTimestamps(child, text);
                }

                break;
            case JsonArray items:
                foreach (var child in items)
                {
                    CheckTimestamps(child, text);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var s) && DateTimeLike().IsMatch(s) && !UtcDateTime().IsMatch(s):
                Add("timestamp", $"{s} is not UTC with 'Z'", text);
                break;
        }
    }

    private void CheckStatus(JsonObject payload, string text)
    {
        var connectorId = payload["connectorId"]?.GetValue<int>() ?? -1;
        var status = payload["status"]?.GetValue<string>();
        var errorCode = payload["errorCode"]?.GetValue<string>();
        if (connectorId < 0 || connectorId > MaxConnectorId)
        {
            Add("status", $"connectorId {connectorId} outside 0..{MaxConnectorId}", text);
        }

        if (status == "Faulted" && errorCode == "NoError")
        {
            Add("status", "Faulted with errorCode NoError", text);
        }

        var key = string.Join('|', status, errorCode, payload["info"]?.GetValue<string>(), payload["vendorErrorCode"]?.GetValue<string>());
        var triggered = _triggeredStatus.Remove(connectorId);
        if (!triggered && _lastStatus.TryGetValue(connectorId, out var last) && last == key)
        {
            Add("status", $"connector {connectorId}: the same notification ({key}) twice in a row", text);
        }

        _lastStatus[connectorId] = key;
    }

    private void CheckMeterValues(JsonObject payload, string text)
    {
        TransactionTrack? track = null;
        if (payload["transactionId"] is { } idNode)
        {
            var transactionId = idNode.GetValue<int>();
            if (!_transactions.TryGetValue(transactionId, out track))
            {
                Add("transaction", $"MeterValues for transactionId {transactionId}, which the Central System never gave", text);
            }
            else if (track.StopPayload is not null)
            {
                Add("transaction", $"MeterValues for transaction {transactionId} after its StopTransaction", text);
            }
        }

        foreach (var meterValue in payload["meterValue"]?.AsArray() ?? [])
        {
            CheckMeterValue((JsonObject)meterValue!, track, inTransaction: track is not null, text);
        }
    }

    private void CheckStop(JsonObject payload, string text)
    {
        var transactionId = payload["transactionId"]!.GetValue<int>();
        if (!_transactions.TryGetValue(transactionId, out var track))
        {
            Add("transaction", $"StopTransaction for transactionId {transactionId}, which the Central System never gave", text);
            return;
        }

        var compact = payload.ToJsonString();
        if (track.StopPayload is { } earlier)
        {
            if (earlier != compact)
            {
                Add("transaction", $"a second, different StopTransaction for transaction {transactionId}", text);
            }

            return;
        }

        // transactionData (StopTxnSampledData / StopTxnAlignedData) is the transaction's history: its values lie between
        // the start and the stop and follow each other in time, but they naturally come before MeterValues already sent.
        var stopAt = TryTime(payload["timestamp"]);
        DateTimeOffset? previous = null;
        foreach (var meterValue in payload["transactionData"]?.AsArray() ?? [])
        {
            if (TryTime(meterValue!["timestamp"]) is { } at)
            {
                if ((track.StartTime is { } start && at < start) || (stopAt is { } stop && at > stop))
                {
                    Add("transaction", $"transactionData value at {at:O} outside the transaction ({track.StartTime:O} to {stopAt:O})", text);
                }

                if (previous is { } before && at < before)
                {
                    Add("transaction", $"transactionData value at {at:O} before the one ahead of it at {before:O}", text);
                }

                previous = at;
            }

            CheckMeterValue((JsonObject)meterValue!, track, inTransaction: true, text, checkOrder: false);
        }

        var meterStop = payload["meterStop"]!.GetValue<long>();
        if (meterStop < track.MeterStartWh)
        {
            Add("transaction", $"meterStop {meterStop} below meterStart {track.MeterStartWh} of transaction {transactionId}", text);
        }

        if (track.MaxEnergyWh is { } max && meterStop < max)
        {
            Add("transaction", $"meterStop {meterStop} below the register {max} Wh reported for transaction {transactionId}", text);
        }

        CheckOrder(track, TryTime(payload["timestamp"]), "StopTransaction", text);
        track.StopPayload = compact;
    }

    private void CheckMeterValue(JsonObject meterValue, TransactionTrack? track, bool inTransaction, string text, bool checkOrder = true)
    {
        if (track is not null && checkOrder)
        {
            CheckOrder(track, TryTime(meterValue["timestamp"]), "MeterValues", text);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in meterValue["sampledValue"]?.AsArray() ?? [])
        {
            var sampled = (JsonObject)item!;
            var measurand = sampled["measurand"]?.GetValue<string>() ?? "Energy.Active.Import.Register";
            var unit = sampled["unit"]?.GetValue<string>();
            var phase = sampled["phase"]?.GetValue<string>();
            var location = sampled["location"]?.GetValue<string>() ?? "Outlet";
            var context = sampled["context"]?.GetValue<string>() ?? "Sample.Periodic";
            var format = sampled["format"]?.GetValue<string>() ?? "Raw";
            var valueText = sampled["value"]?.GetValue<string>() ?? string.Empty;

            if (!seen.Add(string.Join('|', measurand, phase, location, context)))
            {
                Add("sampled-value", $"{measurand} {phase} at {location} twice in one meterValue", text);
            }

            var allowedUnits = UnitsFor(measurand);
            if (unit is null ? !allowedUnits.Contains("Wh") && !allowedUnits.Contains(string.Empty) : !allowedUnits.Contains(unit))
            {
                Add("sampled-value", $"{measurand} in {unit ?? "(default Wh)"}", text);
            }

            if (phase is not null && !PhaseFits(measurand, phase))
            {
                Add("sampled-value", $"{measurand} with phase {phase}", text);
            }

            if (context is "Transaction.Begin" or "Transaction.End" && !inTransaction)
            {
                Add("sampled-value", $"context {context} outside a transaction", text);
            }

            if (format != "Raw")
            {
                continue;
            }

            if (!decimal.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                Add("sampled-value", $"Raw value \"{valueText}\" is not a number", text);
            }
            else if (track is not null && measurand == "Energy.Active.Import.Register" && phase is null)
            {
                var wh = unit == "kWh" ? number * 1000m : number;
                track.MaxEnergyWh = Math.Max(track.MaxEnergyWh ?? decimal.MinValue, wh);
            }
        }
    }

    private void CheckOrder(TransactionTrack track, DateTimeOffset? at, string what, string text)
    {
        if (at is not { } time)
        {
            return;
        }

        if (track.LastTime is { } last && time < last)
        {
            Add("transaction", $"{what} at {time:O} before the transaction's earlier {last:O}", text);
            return;
        }

        track.LastTime = time;
    }

    private static HashSet<string> UnitsFor(string measurand) => measurand switch
    {
        _ when measurand.StartsWith("Energy.Active", StringComparison.Ordinal) => ["Wh", "kWh"],
        _ when measurand.StartsWith("Energy.Reactive", StringComparison.Ordinal) => ["varh", "kvarh"],
        _ when measurand.StartsWith("Power.Active", StringComparison.Ordinal) || measurand == "Power.Offered" => ["W", "kW"],
        _ when measurand.StartsWith("Power.Reactive", StringComparison.Ordinal) => ["var", "kvar"],
        _ when measurand.StartsWith("Current", StringComparison.Ordinal) => ["A"],
        "Voltage" => ["V"],
        "Temperature" => ["Celsius", "Fahrenheit", "K"],
        "SoC" => ["Percent"],
        // Power factor, frequency and RPM have no unit in the OCPP 1.6 list: none is the only sensible choice.
        _ => [string.Empty],
    };

    private static bool PhaseFits(string measurand, string phase)
    {
        if (measurand == "Voltage")
        {
            return phase is "L1-N" or "L2-N" or "L3-N" or "L1-L2" or "L2-L3" or "L3-L1";
        }

        if (measurand.StartsWith("Current", StringComparison.Ordinal))
        {
            return phase is "L1" or "L2" or "L3" or "N";
        }

        return phase is "L1" or "L2" or "L3" or "L1-N" or "L2-N" or "L3-N";
    }

    private static DateTimeOffset? TryTime(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s)
        && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    // Anything that looks like a date-time (any separator, offset or none) must be the one form a strict peer parses.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")]
    private static partial Regex DateTimeLike();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$")]
    private static partial Regex UtcDateTime();

    private static string RuleOf(string violation)
    {
        var open = violation.IndexOf('[', StringComparison.Ordinal);
        var close = violation.IndexOf(']', StringComparison.Ordinal);
        return open >= 0 && close > open ? violation[(open + 1)..close] : string.Empty;
    }

    private void Add(string rule, string message, string text) =>
        _violations.Add($"#{_frameNumber} [{rule}] {message}: {(text.Length <= 400 ? text : text[..400] + "...")}");

    private sealed class TransactionTrack(long meterStartWh, DateTimeOffset? start)
    {
        public long MeterStartWh { get; } = meterStartWh;

        public DateTimeOffset? StartTime { get; } = start;

        public DateTimeOffset? LastTime { get; set; } = start;

        public decimal? MaxEnergyWh { get; set; }

        public string? StopPayload { get; set; }
    }
}
