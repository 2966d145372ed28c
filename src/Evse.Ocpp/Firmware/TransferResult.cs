namespace Evse.Ocpp.Firmware;

/// <summary>How one download or upload ended: success, or a sentence an installer can act on (never a password).</summary>
/// <param name="Succeeded">True when every byte arrived and the server confirmed it.</param>
/// <param name="Error">Why it failed; null on success.</param>
public sealed record TransferResult(bool Succeeded, string? Error)
{
    public static TransferResult Ok { get; } = new(true, null);

    public static TransferResult Failed(string error) => new(false, error);
}
