using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Gpio;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>
/// The Type 2 socket lock actuator: an H-bridge driven by two outputs for one pulse (lock or unlock),
/// and a "locked" feedback switch, optionally with an "unlocked" one. The pulse ends on a TimeProvider
/// timer. The feedback is read when asked: the port has no event, so no thread is needed.
/// </summary>
public sealed class GpioSocketLock : ISocketLock, IDisposable
{
    private readonly IGpioOutput _driveLock;
    private readonly IGpioOutput _driveUnlock;
    private readonly IGpioInput _lockedFeedback;
    private readonly IGpioInput? _unlockedFeedback;
    private readonly ITimer _pulseEnd;
    private readonly object _gate = new();
    private bool _pulsing;

    /// <param name="pulse">Motor-driven Type 2 actuators want 100–600 ms; the board file sets it, 300 ms by default.</param>
    public GpioSocketLock(IGpioOutput driveLock, IGpioOutput driveUnlock, IGpioInput lockedFeedback, IGpioInput? unlockedFeedback, TimeSpan pulse, TimeProvider time)
    {
        _driveLock = driveLock;
        _driveUnlock = driveUnlock;
        _lockedFeedback = lockedFeedback;
        _unlockedFeedback = unlockedFeedback;
        Pulse = pulse;
        _pulseEnd = time.CreateTimer(_ => EndPulse(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        EndPulse();
    }

    public TimeSpan Pulse { get; }

    public SocketLockState State
    {
        get
        {
            var locked = _lockedFeedback.Read();
            if (_unlockedFeedback is not null)
            {
                var unlocked = _unlockedFeedback.Read();
                return (locked, unlocked) switch
                {
                    (true, false) => SocketLockState.Locked,
                    (false, true) => SocketLockState.Unlocked,
                    _ => SocketLockState.Unknown,
                };
            }

            lock (_gate)
            {
                return locked ? SocketLockState.Locked : _pulsing ? SocketLockState.Unknown : SocketLockState.Unlocked;
            }
        }
    }

    public void RequestLock() => StartPulse(_driveLock, _driveUnlock);

    public void RequestUnlock() => StartPulse(_driveUnlock, _driveLock);

    public void Dispose()
    {
        _pulseEnd.Dispose();
        EndPulse();
        _driveLock.Dispose();
        _driveUnlock.Dispose();
        _lockedFeedback.Dispose();
        _unlockedFeedback?.Dispose();
    }

    private void StartPulse(IGpioOutput on, IGpioOutput off)
    {
        lock (_gate)
        {
            // Never both half-bridges at once: that is a short through the H-bridge.
            off.Write(false);
            on.Write(true);
            _pulsing = true;
            _pulseEnd.Change(Pulse, Timeout.InfiniteTimeSpan);
        }
    }

    private void EndPulse()
    {
        lock (_gate)
        {
            _driveLock.Write(false);
            _driveUnlock.Write(false);
            _pulsing = false;
        }
    }
}
