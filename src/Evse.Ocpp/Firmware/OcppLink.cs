using Evse.Ocpp.Rpc;

namespace Evse.Ocpp.Firmware;

/// <summary>How the profile reaches the Central System: the caller, and whether the charge point is registered and online now.</summary>
/// <param name="Caller">Sends our CALLs.</param>
/// <param name="IsOnline">True once BootNotification was accepted and the connection is up (ChargePointService.IsOnline).</param>
public sealed record OcppLink(IOcppCaller Caller, Func<bool> IsOnline);
