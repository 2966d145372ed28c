using Evse.Core.Indication;
using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Gpio;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>
/// An active buzzer on one output. Plays <see cref="BuzzerPolicy.Timeline"/> (REQUIREMENTS §1: one 200 ms beep for an
/// accepted card, two starting 0.5 s apart for a rejected one), each edge timed by a TimeProvider timer.
/// </summary>
public sealed class GpioBuzzer : IBuzzer, IDisposable
{
    private readonly IGpioOutput _output;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<ITimer> _pending = [];

    public GpioBuzzer(IGpioOutput output, TimeProvider time)
    {
        _output = output;
        _time = time;
        _output.Write(false);
    }

    public void Play(BuzzerPattern pattern)
    {
        lock (_gate)
        {
            CancelPending();
            foreach (var beep in BuzzerPolicy.Timeline(pattern))
            {
                Schedule(beep.Start, true);
                Schedule(beep.Start + beep.Duration, false);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            CancelPending();
            _output.Write(false);
            _output.Dispose();
        }
    }

    private void Schedule(TimeSpan at, bool on)
    {
        if (at == TimeSpan.Zero)
        {
            _output.Write(on);
            return;
        }

        _pending.Add(_time.CreateTimer(_ => Set(on), null, at, Timeout.InfiniteTimeSpan));
    }

    private void Set(bool on)
    {
        lock (_gate)
        {
            _output.Write(on);
        }
    }

    private void CancelPending()
    {
        foreach (var timer in _pending)
        {
            timer.Dispose();
        }

        _pending.Clear();
    }
}
