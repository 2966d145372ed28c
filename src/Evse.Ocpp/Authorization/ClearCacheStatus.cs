namespace Evse.Ocpp.Authorization;

/// <summary>OCPP 1.6 ClearCache.conf status.</summary>
public enum ClearCacheStatus
{
    Accepted,
    Rejected,
}
