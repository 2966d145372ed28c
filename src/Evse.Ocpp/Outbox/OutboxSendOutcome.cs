namespace Evse.Ocpp.Outbox;

public enum OutboxSendOutcome
{
    /// <summary>CALLRESULT received.</summary>
    Confirmed,

    /// <summary>CALLERROR: the Central System failed to process the message (counts as a failed attempt, OCPP 1.6 §3.7).</summary>
    CallError,

    /// <summary>No answer within the PDU timeout: resent after TransactionMessageRetryInterval, not counted as an attempt.</summary>
    Timeout,

    /// <summary>Not connected (or not yet accepted by BootNotification): the message waits, nothing is counted.</summary>
    NotConnected,
}
