namespace Evse.Host.Options;

/// <summary>Configuration section <c>Hardware</c>.</summary>
public sealed class HardwareOptions
{
    public const string SectionName = "Hardware";

    public HardwareMode Mode { get; set; } = HardwareMode.Simulated;

    /// <summary>The board file (JSON) that says which chip sits on which bus and pins; Linux mode.</summary>
    public string? BoardFile { get; set; }
}
