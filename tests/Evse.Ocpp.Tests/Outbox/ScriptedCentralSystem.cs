using System.Text.Json.Nodes;
using Evse.Ocpp.Outbox;

namespace Evse.Ocpp.Tests.Outbox;

/// <summary>A Central System behind <see cref="IOutboxSender"/>: records what it received, assigns transaction ids,
/// and can be offline, silent, or fail the next few messages with a CALLERROR.</summary>
internal sealed class ScriptedCentralSystem : IOutboxSender
{
    private int _nextTransactionId;

    public ScriptedCentralSystem(int firstTransactionId = 1000) => _nextTransactionId = firstTransactionId;

    public List<(string Action, string Payload)> Received { get; } = [];

    public bool Online { get; set; } = true;

    public int FailNext { get; set; }

    public int TimeoutNext { get; set; }

    public Action? OnReceive { get; set; }

    public Func<string, string, string?>? ConfirmationOverride { get; set; }

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

        Received.Add((action, payloadJson));
        OnReceive?.Invoke();
        if (FailNext > 0)
        {
            FailNext--;
            return Task.FromResult(OutboxSendResult.CallError("InternalError", "database busy"));
        }

        var conf = ConfirmationOverride?.Invoke(action, payloadJson) ?? action switch
        {
            "StartTransaction" => $$"""{"idTagInfo":{"status":"Accepted"},"transactionId":{{_nextTransactionId++}}}""",
            "StopTransaction" => """{"idTagInfo":{"status":"Accepted"}}""",
            _ => "{}",
        };
        return Task.FromResult(OutboxSendResult.Confirmed(conf));
    }

    public IEnumerable<JsonObject> Payloads(string action) =>
        Received.Where(r => r.Action == action).Select(r => (JsonObject)JsonNode.Parse(r.Payload)!);
}
