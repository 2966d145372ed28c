namespace Evse.Core.Tests.Safety;

/// <summary>One raw input to <see cref="SafetyRig"/>: what the board, the driver or the world does next.</summary>
internal abstract record RigInput
{
    /// <summary>The vehicle's side of the pilot: the line's high level while we drive +12 V or PWM, and whether its diode is there.</summary>
    public sealed record Pilot(double Volts, bool Diode) : RigInput;

    /// <summary>The supply voltage the meter sees, and the current the vehicle draws whenever the contactor is closed.</summary>
    public sealed record Meter(double Volts, double DrawAmps) : RigInput;

    public sealed record MeterSilent(bool Silent) : RigInput;

    public sealed record ResidualCurrent(bool Tripped) : RigInput;

    public sealed record Temperatures(double RelayCelsius, double InputCelsius, double SocketCelsius) : RigInput;

    public sealed record Supply(bool GroundOk, bool PolarityOk) : RigInput;

    public sealed record Card(string IdTag) : RigInput;

    public sealed record RemoteStart(string IdTag) : RigInput;

    public sealed record RemoteStop : RigInput;

    public sealed record Shutdown : RigInput;

    /// <summary>The load-management grant (null: none).</summary>
    public sealed record LoadLimit(double? Amps) : RigInput;

    /// <summary>Hours of operation: closed all week (a schedule block) or open all week.</summary>
    public sealed record HoursClosed(bool Closed) : RigInput;

    /// <summary>Power came back after a cut: the daemon boots afresh and cold-load pickup holds the power back.</summary>
    public sealed record PowerFailureBoot(int Seed) : RigInput;

    /// <summary>Whether the residual-current monitor's next self tests pass.</summary>
    public sealed record SelfTestOutcome(bool Passes) : RigInput;

    public sealed record Wait(TimeSpan Duration) : RigInput;
}
