namespace Evse.Core.Protection;

/// <summary>A fault that has just been raised.</summary>
/// <param name="Code">The fault.</param>
/// <param name="Detail">What was measured, for the fault record and the log (e.g. "L1 281.0 V > 276 V for 5 s").</param>
/// <param name="Latched">True when it will not recover by itself: hard in <see cref="FaultCatalog"/>, out of automatic restarts, or a residual-current trip at session start.</param>
public sealed record FaultNotice(FaultCode Code, string Detail, bool Latched)
{
    public FaultDescriptor Descriptor => FaultCatalog.Describe(Code);

    public override string ToString() => $"{Descriptor.Description}: {Detail}{(Latched ? " (latched)" : string.Empty)}";
}
