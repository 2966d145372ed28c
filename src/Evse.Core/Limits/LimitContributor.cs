using System.Globalization;

namespace Evse.Core.Limits;

/// <summary>One contributor's limit and why, e.g. (DipSwitch, 32, "DIP ON OFF OFF").</summary>
public sealed record LimitContributor(LimitSource Source, double Amps, string Detail)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Source} {Amps:0.#} A ({Detail})");
}
