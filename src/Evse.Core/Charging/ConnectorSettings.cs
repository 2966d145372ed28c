namespace Evse.Core.Charging;

/// <summary>The station settings one connector's state machine needs.</summary>
/// <param name="PlugAndChargeId">Free vend id (≥ 8 characters) or null: plugging in starts a session with it.</param>
/// <param name="ConnectionTimeOut">How long an authorization waits for the plug (OCPP ConnectionTimeOut).</param>
/// <param name="StopTransactionOnEVSideDisconnect">End the session when the EV unplugs (OCPP key of that name).</param>
public sealed record ConnectorSettings(
    string? PlugAndChargeId,
    TimeSpan ConnectionTimeOut,
    bool StopTransactionOnEVSideDisconnect)
{
    /// <summary>Seed 001's defaults: no plug and charge, ConnectionTimeOut 900 s.</summary>
    public static ConnectorSettings Default { get; } = new(null, TimeSpan.FromSeconds(900), true);

    /// <summary>How long the pilot is held at state F when a fault trips (REQUIREMENTS §3).</summary>
    public static TimeSpan StateFHold { get; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The seed's rule: a Plug and Charge ID has at least 8 characters.</summary>
    public const int MinimumPlugAndChargeIdLength = 8;

    public bool FreeVend => PlugAndChargeId is { Length: >= MinimumPlugAndChargeIdLength };
}
