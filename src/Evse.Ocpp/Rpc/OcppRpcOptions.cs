namespace Evse.Ocpp.Rpc;

/// <summary>RPC settings (section <c>Ocpp</c>).</summary>
public sealed class OcppRpcOptions
{
    /// <summary>
    /// How long we wait for the CALLRESULT of each CALL. OCPP 1.6 leaves it to the implementation; 30 s is what most
    /// chargers use and matches the default heartbeat-to-timeout ratio Central Systems expect.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest errorDescription we put on the wire; Central Systems log it, some truncate or refuse long ones.</summary>
    public int MaxErrorDescriptionLength { get; set; } = 255;
}
