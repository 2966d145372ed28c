using System.Globalization;

namespace Evse.Core.Limits;

/// <summary>The offered current and why.</summary>
/// <param name="LimitAmps">The minimum of all contributors; 0 when <see cref="Paused"/>.</param>
/// <param name="Paused">The minimum is below 6 A: withdraw the PWM (SuspendedEVSE), never a duty under 6 A.</param>
/// <param name="Binding">The contributor that set the minimum.</param>
/// <param name="Trace">Every contributor present, with its value: the "why this current" of the portal and the log.</param>
public sealed record CurrentLimitResult(double LimitAmps, bool Paused, LimitContributor Binding, IReadOnlyList<LimitContributor> Trace)
{
    public override string ToString()
    {
        var head = Paused
            ? string.Create(CultureInfo.InvariantCulture, $"paused: {Binding.Source} allows {Binding.Amps:0.#} A < 6 A")
            : string.Create(CultureInfo.InvariantCulture, $"{LimitAmps:0.#} A set by {Binding.Source}");
        return $"{head}; {string.Join("; ", Trace)}";
    }
}
