using Evse.Core.Control;
using Evse.Core.Measurements;

namespace Evse.Host.Workers;

/// <summary>What the charge modes read from the grid meter: the import on the phase that binds, and our own draw there.</summary>
public static class SurplusReading
{
    /// <summary>
    /// The phase with the least surplus (own − import) among the station's <paramref name="phases"/>. The import takes
    /// its sign from the phase's power, because meters report current as a magnitude (negative power is export). A
    /// reading that is missing, not answering or older than <paramref name="staleAfter"/> gives a null import.
    /// </summary>
    public static (double? ImportAmps, double OwnAmps) BindingPhase(GridReading grid, PhaseValues ownAmps, int phases, DateTimeOffset now, TimeSpan staleAfter)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (grid is not { Installed: true, Answering: true, Sample: { } sample, At: { } at } || now - at > staleAfter)
        {
            return (null, ownAmps.Sum);
        }

        (double? ImportAmps, double OwnAmps) worst = (null, 0);
        double? worstSurplus = null;
        for (var p = 1; p <= (phases == 3 ? 3 : 1); p++)
        {
            var import = sample.PowerWatts[p] < 0 ? -Math.Abs(sample.CurrentAmps[p]) : Math.Abs(sample.CurrentAmps[p]);
            var surplus = ownAmps[p] - import;
            if (worstSurplus is null || surplus < worstSurplus)
            {
                worstSurplus = surplus;
                worst = (import, ownAmps[p]);
            }
        }

        return worst;
    }
}
