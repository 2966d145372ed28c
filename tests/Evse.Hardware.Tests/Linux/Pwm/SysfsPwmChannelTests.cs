using Evse.Hardware.Linux.Pwm;

namespace Evse.Hardware.Tests.Linux.Pwm;

/// <summary>The sysfs PWM channel against a folder laid out like /sys/class/pwm.</summary>
public sealed class SysfsPwmChannelTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pwm-").FullName;

    public void Dispose() => Directory.Delete(_root, true);

    [Fact]
    public void Set_OneKilohertz_WritesNanosecondsAndEnables()
    {
        var channelDir = MakeChannel();
        using var pwm = new SysfsPwmChannel(_root, 0, 0, inverted: false, TimeSpan.FromSeconds(1));

        pwm.Set(TimeSpan.FromMilliseconds(1), 0.25);

        Assert.Equal("1000000", Read(channelDir, "period"));
        Assert.Equal("250000", Read(channelDir, "duty_cycle"));
        Assert.Equal("1", Read(channelDir, "enable"));
        Assert.Equal("normal", Read(channelDir, "polarity"));
    }

    [Fact]
    public void Dispose_Channel_Disables()
    {
        var channelDir = MakeChannel();
        var pwm = new SysfsPwmChannel(_root, 0, 0, inverted: true, TimeSpan.FromSeconds(1));
        pwm.Set(TimeSpan.FromMilliseconds(1), 0.5);

        pwm.Dispose();

        Assert.Equal("0", Read(channelDir, "enable"));
        Assert.Equal("inversed", Read(channelDir, "polarity"));
    }

    [Fact]
    public void Constructor_MissingChip_ThrowsNamingIt()
    {
        var ex = Assert.Throws<IOException>(() => new SysfsPwmChannel(_root, 3, 0, false, TimeSpan.FromMilliseconds(1)));

        Assert.Contains("pwmchip3", ex.Message, StringComparison.Ordinal);
    }

    private string MakeChannel()
    {
        var dir = Path.Combine(_root, "pwmchip0", "pwm0");
        Directory.CreateDirectory(dir);
        foreach (var name in new[] { "period", "duty_cycle", "enable", "polarity" })
        {
            File.WriteAllText(Path.Combine(dir, name), "0");
        }

        return dir;
    }

    private static string Read(string dir, string name) => File.ReadAllText(Path.Combine(dir, name));
}
