namespace Evse.Testing.Ocpp;

/// <summary>What the scripted Central System replies to one CALL: a CALLRESULT, a CALLERROR or silence.</summary>
public sealed record CentralSystemAnswer(string? ResultJson, string? ErrorCode)
{
    public static CentralSystemAnswer Silence { get; } = new(null, null);

    public static CentralSystemAnswer Result(string payloadJson) => new(payloadJson, null);

    public static CentralSystemAnswer Error(string errorCode) => new(null, errorCode);
}
