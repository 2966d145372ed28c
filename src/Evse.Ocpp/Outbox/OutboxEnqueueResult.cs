namespace Evse.Ocpp.Outbox;

public enum OutboxEnqueueResult
{
    /// <summary>Stored durably; it will be sent in order.</summary>
    Enqueued,

    /// <summary>The same (transaction, kind, sequence) was enqueued before: nothing stored, nothing will be sent twice.</summary>
    Duplicate,

    /// <summary>The local transaction id was never allocated here (or was pruned): a bug in the caller.</summary>
    UnknownTransaction,
}
