using System.Globalization;

namespace Evse.Hardware.Linux.Pwm;

/// <summary>
/// A PWM channel through the kernel's sysfs PWM class (Documentation/ABI/testing/sysfs-class-pwm):
/// <c>pwmchipN/export</c>, then <c>pwmM/period</c>, <c>duty_cycle</c> (both in ns), <c>polarity</c>, <c>enable</c>.
/// On a Raspberry Pi enable it with <c>dtoverlay=pwm-2chan</c>.
/// </summary>
public sealed class SysfsPwmChannel : IPwmChannel
{
    private readonly object _gate = new();
    private readonly string _channelDirectory;
    private long _periodNs;
    private long _dutyNs;
    private bool _enabled;

    /// <param name="sysfsRoot">/sys/class/pwm on a real board; a temporary folder in tests.</param>
    /// <param name="chip">N of pwmchipN.</param>
    /// <param name="channel">M of pwmM.</param>
    /// <param name="inverted">True when the output stage inverts (sets polarity "inversed").</param>
    /// <param name="exportWait">How long to wait for the kernel and udev to create pwmM after export.</param>
    public SysfsPwmChannel(string sysfsRoot, int chip, int channel, bool inverted, TimeSpan exportWait)
    {
        var chipDirectory = Path.Combine(sysfsRoot, $"pwmchip{chip}");
        if (!Directory.Exists(chipDirectory))
        {
            throw new IOException($"PWM chip {chipDirectory} does not exist (is the PWM overlay loaded?)");
        }

        _channelDirectory = Path.Combine(chipDirectory, $"pwm{channel}");
        if (!Directory.Exists(_channelDirectory))
        {
            File.WriteAllText(Path.Combine(chipDirectory, "export"), channel.ToString(CultureInfo.InvariantCulture));
            WaitForChannel(exportWait);
        }

        WriteAttribute("enable", "0");
        WriteAttribute("polarity", inverted ? "inversed" : "normal");
    }

    public string ChannelDirectory => _channelDirectory;

    public void Set(TimeSpan period, double dutyFraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        if (double.IsNaN(dutyFraction) || dutyFraction < 0 || dutyFraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dutyFraction), dutyFraction, "Duty is a fraction from 0 to 1.");
        }

        var periodNs = period.Ticks * 100;
        var dutyNs = (long)Math.Round(periodNs * dutyFraction);
        lock (_gate)
        {
            // The kernel refuses duty_cycle > period at every step, so order the two writes.
            if (periodNs != _periodNs)
            {
                if (_dutyNs > periodNs)
                {
                    WriteAttribute("duty_cycle", "0");
                    _dutyNs = 0;
                }

                WriteAttribute("period", periodNs.ToString(CultureInfo.InvariantCulture));
                _periodNs = periodNs;
            }

            if (dutyNs != _dutyNs)
            {
                WriteAttribute("duty_cycle", dutyNs.ToString(CultureInfo.InvariantCulture));
                _dutyNs = dutyNs;
            }

            if (!_enabled)
            {
                WriteAttribute("enable", "1");
                _enabled = true;
            }
        }
    }

    public void Disable()
    {
        lock (_gate)
        {
            WriteAttribute("enable", "0");
            _enabled = false;
        }
    }

    public void Dispose()
    {
        try
        {
            Disable();
        }
        catch (IOException)
        {
            // Shutting down: the channel may already be gone; nothing more to do.
        }
    }

    private void WriteAttribute(string name, string value) => File.WriteAllText(Path.Combine(_channelDirectory, name), value);

#pragma warning disable RS0030 // The kernel creates pwmM asynchronously after export: a short bounded wait, not a timing loop.
    private void WaitForChannel(TimeSpan exportWait)
    {
        var deadline = Environment.TickCount64 + (long)exportWait.TotalMilliseconds;
        while (!File.Exists(Path.Combine(_channelDirectory, "enable")))
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new IOException($"PWM channel {_channelDirectory} did not appear after export");
            }

            Thread.Sleep(10);
        }
    }
#pragma warning restore RS0030
}
