namespace Evse.Core.Measurements;

/// <summary>
/// One value per line conductor. A single-phase installation uses <see cref="L1"/> only and
/// leaves the others at zero. The unit is in the name of the property that holds it
/// (<c>VoltageVolts</c>, <c>CurrentAmps</c>, …).
/// </summary>
public readonly record struct PhaseValues(double L1, double L2, double L3)
{
    public static PhaseValues Zero => default;

    public static PhaseValues OnePhase(double l1) => new(l1, 0, 0);

    public static PhaseValues All(double value) => new(value, value, value);

    public double Sum => L1 + L2 + L3;

    public double Max => Math.Max(L1, Math.Max(L2, L3));

    /// <summary>The value of phase 1, 2 or 3.</summary>
    public double this[int phase] => phase switch
    {
        1 => L1,
        2 => L2,
        3 => L3,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Phases are numbered 1 to 3."),
    };

    public override string ToString() => FormattableString.Invariant($"[{L1:0.###}, {L2:0.###}, {L3:0.###}]");
}
