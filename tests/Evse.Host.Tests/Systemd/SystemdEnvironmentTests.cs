using Evse.Host.Systemd;

namespace Evse.Host.Tests.Systemd;

public sealed class SystemdEnvironmentTests
{
    private const int Pid = 4242;

    private static SystemdEnvironment Parse(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return SystemdEnvironment.FromVariables(name => map.GetValueOrDefault(name), Pid);
    }

    [Fact]
    public void FromVariables_SocketAndWatchdogForThisProcess_ParsesBoth()
    {
        var env = Parse(("NOTIFY_SOCKET", "/run/systemd/notify"), ("WATCHDOG_USEC", "10000000"), ("WATCHDOG_PID", "4242"));

        Assert.Equal("/run/systemd/notify", env.NotifySocket);
        Assert.Equal(TimeSpan.FromSeconds(10), env.WatchdogTimeout);
    }

    [Fact]
    public void FromVariables_WatchdogWithoutPid_AppliesToThisProcess()
    {
        var env = Parse(("NOTIFY_SOCKET", "@abstract"), ("WATCHDOG_USEC", "1500"));

        Assert.Equal("@abstract", env.NotifySocket);
        Assert.Equal(TimeSpan.FromMicroseconds(1500), env.WatchdogTimeout);
    }

    [Fact]
    public void FromVariables_WatchdogPidOfAnotherProcess_HasNoWatchdog()
    {
        var env = Parse(("NOTIFY_SOCKET", "/run/systemd/notify"), ("WATCHDOG_USEC", "10000000"), ("WATCHDOG_PID", "1"));

        Assert.Null(env.WatchdogTimeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("ten")]
    [InlineData("")]
    public void FromVariables_UnusableWatchdogUsec_HasNoWatchdog(string usec)
    {
        var env = Parse(("NOTIFY_SOCKET", "/run/systemd/notify"), ("WATCHDOG_USEC", usec));

        Assert.Null(env.WatchdogTimeout);
    }

    [Fact]
    public void FromVariables_NothingSet_IsDisabled()
    {
        var env = Parse(("NOTIFY_SOCKET", ""));

        Assert.Null(env.NotifySocket);
        Assert.Null(env.WatchdogTimeout);
    }

    [Fact]
    public void FromVariables_HugeWatchdogUsec_ClampsInsteadOfOverflowing()
    {
        var env = Parse(("WATCHDOG_USEC", ulong.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.NotNull(env.WatchdogTimeout);
        Assert.True(env.WatchdogTimeout > TimeSpan.FromDays(365 * 1000));
    }
}
