namespace Evse.Ocpp.Outbox;

public enum OutboxPumpStatus
{
    /// <summary>Nothing is queued.</summary>
    Empty,

    /// <summary>The head message was confirmed by the Central System.</summary>
    Delivered,

    /// <summary>The head message was discarded (attempts exhausted, or its transaction is unknown to the Central System).</summary>
    Dropped,

    /// <summary>The head message is waiting for its retry time.</summary>
    Waiting,

    /// <summary>Not connected; the head message waits for the connection.</summary>
    Offline,
}
