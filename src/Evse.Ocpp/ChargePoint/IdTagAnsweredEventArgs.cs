namespace Evse.Ocpp.ChargePoint;

/// <summary>The Central System answered Authorize.req for <see cref="IdTag"/> with <see cref="Status"/> (OCPP spelling).</summary>
public sealed class IdTagAnsweredEventArgs(string idTag, string status) : EventArgs
{
    public string IdTag { get; } = idTag;

    public string Status { get; } = status;
}
