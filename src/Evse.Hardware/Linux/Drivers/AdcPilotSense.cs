using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Chips;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>
/// Pilot sense through an SPI ADC behind a divider that maps the ±12 V CP line into the ADC range
/// (CP volts = ADC volts × <see cref="Gain"/> + <see cref="OffsetVolts"/>). sysfs PWM gives no edge
/// to sync to, so each reading is a burst of conversions spread over more than one 1 ms PWM period:
/// the highest is the high phase, the lowest the low phase. At 5 % duty the high phase lasts 50 µs,
/// so a burst must take at least two periods with conversions closer than that: 64 samples at ≥ 1 MHz SPI does.
/// </summary>
public sealed class AdcPilotSense : IPilotSense, IDisposable
{
    private readonly IAdc _adc;
    private readonly int _channel;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private PilotReading _latest;
    private (PilotState State, bool LowAtMinus12) _band = (PilotState.E, false);
    private Task? _loop;

    public AdcPilotSense(IAdc adc, int channel, double gain, double offsetVolts, TimeProvider time, int samplesPerReading = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerReading, 2);
        _adc = adc;
        _channel = channel;
        _time = time;
        Gain = gain;
        OffsetVolts = offsetVolts;
        SamplesPerReading = samplesPerReading;
    }

    public event EventHandler<PilotReading>? ReadingChanged;

    public double Gain { get; }

    public double OffsetVolts { get; }

    public int SamplesPerReading { get; }

    /// <summary>How often the task takes a burst. 10 ms keeps C→B detection far inside IEC 61851-1's 100 ms.</summary>
    public TimeSpan SamplePeriod { get; init; } = TimeSpan.FromMilliseconds(10);

    public PilotReading Read()
    {
        lock (_gate)
        {
            return _latest;
        }
    }

    /// <summary>
    /// Starts sampling on a thread of its own, on the CPU reserved for the control loops when there is one
    /// (<see cref="Evse.Core.Control.CpuReservation"/>): a band change then wakes the loop on the same CPU.
    /// </summary>
    public void Start()
    {
        if (_loop is not null)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = done.Task;
        var thread = new Thread(() =>
        {
            Evse.Core.Control.CpuReservation.EnterReservedCpu();
            try
            {
                Run();
            }
            finally
            {
                done.SetResult();
            }
        })
        {
            IsBackground = true,
            Name = "pilot-sense",
        };
        thread.Start();
    }

    /// <summary>Takes one burst, updates the reading and raises the event on a band change. Public for tests and bring-up.</summary>
    public PilotReading SampleOnce()
    {
        var min = int.MaxValue;
        var max = int.MinValue;
        for (var i = 0; i < SamplesPerReading; i++)
        {
            var code = _adc.ReadCode(_channel);
            min = Math.Min(min, code);
            max = Math.Max(max, code);
        }

        var reading = new PilotReading(ToPilotVolts(max), ToPilotVolts(min));
        Publish(reading);
        return reading;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // Cancelled on purpose.
        }

        _stop.Dispose();
    }

    private void Publish(PilotReading reading)
    {
        var band = (PilotClassifier.Classify(reading.HighVolts), reading.LowVolts <= PilotClassifier.DiodeLowPhaseMaxVolts);
        bool changed;
        lock (_gate)
        {
            _latest = reading;
            changed = band != _band;
            _band = band;
        }

        if (changed)
        {
            ReadingChanged?.Invoke(this, reading);
        }
    }

    private double ToPilotVolts(int code) => (code * _adc.ReferenceVolts / _adc.CodeCount * Gain) + OffsetVolts;

    private void Run()
    {
        using var timer = new PeriodicTimer(SamplePeriod, _time);
        try
        {
            do
            {
                try
                {
                    SampleOnce();
                }
                catch (IOException)
                {
                    // An SPI error reads as 0 V on CP (state E), which the protections treat as abnormal: safe.
                    Publish(new PilotReading(0, 0));
                }
            }
            while (timer.WaitForNextTickAsync(_stop.Token).AsTask().GetAwaiter().GetResult());
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
