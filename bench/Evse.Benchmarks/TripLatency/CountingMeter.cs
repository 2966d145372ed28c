using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;

namespace Evse.Benchmarks.TripLatency;

/// <summary>
/// The simulated meter, counting its reads: the loop reads it once per sample, so the harness can tell that the
/// sample its clock step queued has been taken before it steps again (no samples pile up in the inbox).
/// </summary>
internal sealed class CountingMeter(IEnergyMeter inner) : IEnergyMeter
{
    private long _reads;

    public long Reads => Interlocked.Read(ref _reads);

    public bool TryRead(out MeterSample sample)
    {
        var answered = inner.TryRead(out sample);
        Interlocked.Increment(ref _reads);
        return answered;
    }
}
