using Evse.Hardware.Linux.Pwm;

namespace Evse.Hardware.Tests.Linux.Fakes;

internal sealed class FakePwmChannel : IPwmChannel
{
    public TimeSpan Period { get; private set; }

    public double DutyFraction { get; private set; }

    public bool Enabled { get; private set; }

    public bool Disposed { get; private set; }

    public void Set(TimeSpan period, double dutyFraction)
    {
        (Period, DutyFraction, Enabled) = (period, dutyFraction, true);
    }

    public void Disable() => Enabled = false;

    public void Dispose()
    {
        Enabled = false;
        Disposed = true;
    }
}
