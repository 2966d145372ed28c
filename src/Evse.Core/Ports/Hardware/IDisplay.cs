namespace Evse.Core.Ports.Hardware;

/// <summary>What the OLED shows: the charging state (seed 001 Table 19) and the active network.</summary>
/// <param name="StatusLine">The state in capitals, e.g. "CHARGING".</param>
/// <param name="Detail">A second line (energy, current, fault), or null.</param>
/// <param name="NetworkLetter">E Ethernet, W Wi-Fi, L LTE, A Wi-Fi AP mode, or a space for none.</param>
public sealed record DisplayContent(string StatusLine, string? Detail, char NetworkLetter);

/// <summary>The small OLED display of the MQ 200.</summary>
public interface IDisplay
{
    void Show(DisplayContent content);
}
