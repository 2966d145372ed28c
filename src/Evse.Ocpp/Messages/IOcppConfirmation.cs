namespace Evse.Ocpp.Messages;

/// <summary>Marks an OCPP confirmation payload (the body of a CALLRESULT).</summary>
#pragma warning disable CA1040 // A marker lets IOcppRequest<T> constrain its confirmation type at compile time.
public interface IOcppConfirmation
#pragma warning restore CA1040
{
}
