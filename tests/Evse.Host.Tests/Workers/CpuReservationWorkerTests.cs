using Evse.Core.Control;
using Evse.Host.Workers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Host.Tests.Workers;

/// <summary>What the daemon does with ControlLoop:RealTimeCpu at start-up, for the values that reserve nothing.</summary>
public sealed class CpuReservationWorkerTests
{
    [Fact]
    public void Reserve_ValueThatNamesNoCpu_StopsTheStartUpWithTheSettingAndTheReason()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CpuReservationWorker.Reserve("fast", NullLogger.Instance));
        Assert.Contains("ControlLoop:RealTimeCpu", error.Message, StringComparison.Ordinal);
        Assert.Contains("'fast'", error.Message, StringComparison.Ordinal);
        Assert.Equal(-1, CpuReservation.ReservedCpu);
    }

    [Fact]
    public void Reserve_None_ReservesNothing()
    {
        CpuReservationWorker.Reserve("none", NullLogger.Instance);
        Assert.Equal(-1, CpuReservation.ReservedCpu);
    }
}
