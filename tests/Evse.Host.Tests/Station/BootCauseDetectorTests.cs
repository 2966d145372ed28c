using Evse.Core.Scheduling;
using Evse.Host.Station;
using Evse.Host.Tests.Support;

namespace Evse.Host.Tests.Station;

public sealed class BootCauseDetectorTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData(true, 2, BootCause.PowerFailure)]
    [InlineData(true, 600, BootCause.ProcessRestart)]
    [InlineData(false, 2, BootCause.PlannedRestart)]
    [InlineData(false, 600, BootCause.ProcessRestart)]
    public void Start_MarkerAndSystemUptime_GiveTheCause(bool previousRunUnclean, int systemUpMinutes, BootCause expected)
    {
        if (previousRunUnclean)
        {
            File.WriteAllText(Path.Combine(_data.Path, BootCauseDetector.MarkerName), "1234");
        }

        var detector = new BootCauseDetector(_data.Path, () => TimeSpan.FromMinutes(systemUpMinutes));

        Assert.Equal(expected, detector.Start());
        Assert.True(File.Exists(Path.Combine(_data.Path, BootCauseDetector.MarkerName)));
    }

    [Fact]
    public void Stop_ThenStart_IsACleanRestart()
    {
        var detector = new BootCauseDetector(_data.Path, () => TimeSpan.FromMinutes(1));
        detector.Start();
        detector.Stop();

        Assert.Equal(BootCause.PlannedRestart, new BootCauseDetector(_data.Path, () => TimeSpan.FromMinutes(1)).Start());
    }
}
