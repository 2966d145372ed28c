namespace Evse.Core.Indication;

/// <summary>The active network device, shown as a letter on the OLED (seed 001 Table 19).</summary>
public enum NetworkKind
{
    None,
    Ethernet,
    WiFi,
    Lte,
    AccessPoint,
}
