using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Gpio;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>
/// An active buzzer on one output. REQUIREMENTS §1: one beep for an accepted card, two beeps
/// 0.5 s apart for a rejected one. Beeps are 150 ms, timed by a TimeProvider timer.
/// </summary>
public sealed class GpioBuzzer : IBuzzer, IDisposable
{
    public static readonly TimeSpan BeepLength = TimeSpan.FromMilliseconds(150);
    public static readonly TimeSpan RejectedSpacing = TimeSpan.FromMilliseconds(500);

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
            var starts = pattern == BuzzerPattern.Rejected ? new[] { TimeSpan.Zero, RejectedSpacing } : [TimeSpan.Zero];
            foreach (var start in starts)
            {
                Schedule(start, true);
                Schedule(start + BeepLength, false);
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
