namespace Evse.Ocpp.Messages;

/// <summary>Any OCPP request payload, whatever its confirmation type.</summary>
public interface IOcppRequest
{
    /// <summary>The OCPP action name, exactly as it appears in a CALL frame (e.g. <c>BootNotification</c>).</summary>
    string Action { get; }
}
