using Evse.Core.Control;
using Evse.Core.Measurements;
using Evse.Host.Workers;

namespace Evse.Host.Tests.Workers;

public sealed class SurplusReadingTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    [Fact]
    public void BindingPhase_NegativePower_IsExportWhateverTheCurrentsSign()
    {
        var grid = Reading(new PhaseValues(8, 0, 0), new PhaseValues(-1840, 0, 0), Now);

        var (import, own) = SurplusReading.BindingPhase(grid, PhaseValues.OnePhase(10), 1, Now, StaleAfter);

        Assert.Equal(-8, import);
        Assert.Equal(10, own);
    }

    [Fact]
    public void BindingPhase_ThreePhases_TakesThePhaseWithTheLeastSurplus()
    {
        // Surpluses: L1 10 − (−4) = 14, L2 10 − 3 = 7, L3 10 − (−1) = 11.
        var grid = Reading(new PhaseValues(4, 3, 1), new PhaseValues(-920, 690, -230), Now);

        var (import, own) = SurplusReading.BindingPhase(grid, PhaseValues.All(10), 3, Now, StaleAfter);

        Assert.Equal(3, import);
        Assert.Equal(10, own);
    }

    [Fact]
    public void BindingPhase_SinglePhaseStation_IgnoresL2AndL3()
    {
        var grid = Reading(new PhaseValues(2, 30, 30), new PhaseValues(460, 6900, 6900), Now);

        var (import, _) = SurplusReading.BindingPhase(grid, PhaseValues.OnePhase(6), 1, Now, StaleAfter);

        Assert.Equal(2, import);
    }

    [Theory]
    [InlineData(11, true, true)]
    [InlineData(1, false, true)]
    [InlineData(1, true, false)]
    public void BindingPhase_StaleSilentOrMissingReading_HasNoImport(int ageSeconds, bool answering, bool installed)
    {
        var grid = Reading(PhaseValues.OnePhase(5), PhaseValues.OnePhase(1150), Now.AddSeconds(-ageSeconds)) with { Answering = answering, Installed = installed };

        var (import, _) = SurplusReading.BindingPhase(grid, PhaseValues.OnePhase(6), 1, Now, StaleAfter);

        Assert.Null(import);
    }

    [Fact]
    public void BindingPhase_FreshReadingAtTheStaleLimit_StillCounts()
    {
        var grid = Reading(PhaseValues.OnePhase(5), PhaseValues.OnePhase(1150), Now - StaleAfter);

        Assert.Equal(5, SurplusReading.BindingPhase(grid, PhaseValues.OnePhase(6), 1, Now, StaleAfter).ImportAmps);
    }

    private static GridReading Reading(PhaseValues currentAmps, PhaseValues powerWatts, DateTimeOffset at) =>
        new(true, new GridMeterSample(PhaseValues.All(230), currentAmps, powerWatts, 0, 0, 50), at, true);
}
