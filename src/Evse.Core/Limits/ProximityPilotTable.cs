namespace Evse.Core.Limits;

/// <summary>
/// The cable coding of IEC 61851-1 / IEC 62196 (REQUIREMENTS §1): 1500 Ω 13 A, 680 Ω 20 A, 220 Ω 32 A,
/// 100 Ω 63 A; outside 60–4500 Ω the reading is an error.
/// </summary>
/// <remarks>
/// A reading is mapped to the nearest nominal value on a logarithmic scale (the band edges are the geometric
/// means of neighbouring nominals: 148 Ω, 387 Ω and 1010 Ω), which tolerates the resistor's tolerance and the
/// ADC's error evenly; it can only lower the limit when the reading sits between two codes.
/// </remarks>
public static class ProximityPilotTable
{
    public const double MinimumOhms = 60;
    public const double MaximumOhms = 4500;

    private static readonly double Edge63To32 = Math.Sqrt(100 * 220);
    private static readonly double Edge32To20 = Math.Sqrt(220 * 680);
    private static readonly double Edge20To13 = Math.Sqrt(680 * 1500);

    /// <summary>The cable's current capacity; false when the reading is out of range (or NaN).</summary>
    public static bool TryGetCableAmps(double ohms, out double amps)
    {
        amps = ohms switch
        {
            double.NaN => 0,
            < MinimumOhms or > MaximumOhms => 0,
            _ when ohms < Edge63To32 => 63,
            _ when ohms < Edge32To20 => 32,
            _ when ohms < Edge20To13 => 20,
            _ => 13,
        };
        return amps > 0;
    }
}
