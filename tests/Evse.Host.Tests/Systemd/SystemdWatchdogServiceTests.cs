using Evse.Host.Systemd;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Host.Tests.Systemd;

public sealed class SystemdWatchdogServiceTests : IDisposable
{
    private static readonly TimeSpan WatchdogTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeHostApplicationLifetime _lifetime = new();
    private readonly NotifySocketListener _systemd = NotifySocketListener.Abstract();
    private readonly FakeServiceHealth _health;
    private readonly List<IDisposable> _owned = [];

    public SystemdWatchdogServiceTests() => _health = new FakeServiceHealth(_time);

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _health.Dispose();
        _systemd.Dispose();
        _lifetime.Dispose();
    }

    private SystemdWatchdogService CreateService(TimeSpan? watchdogTimeout, string? notifySocket = "")
    {
        var socket = notifySocket == "" ? _systemd.NotifySocket : notifySocket;
        var notifier = new SystemdNotifier(socket);
        var service = new SystemdWatchdogService(
            notifier,
            new SystemdEnvironment(socket, watchdogTimeout),
            _health,
            _lifetime,
            _time,
            NullLogger<SystemdWatchdogService>.Instance);
        _owned.Add(service);
        _owned.Add(notifier);
        return service;
    }

    [Fact]
    public async Task CheckHealthAndNotify_FirstHealthyCheck_SendsReadyStatusAndPingInOneDatagram()
    {
        var service = CreateService(WatchdogTimeout);

        service.CheckHealthAndNotify();

        Assert.Equal("READY=1\nSTATUS=Running\nWATCHDOG=1", await _systemd.ReceiveAsync());
        Assert.True(service.IsReadySent);
    }

    [Fact]
    public async Task CheckHealthAndNotify_StillHealthy_SendsOnlyThePing()
    {
        var service = CreateService(WatchdogTimeout);
        service.CheckHealthAndNotify();
        await _systemd.ReceiveAsync();

        service.CheckHealthAndNotify();

        Assert.Equal("WATCHDOG=1", await _systemd.ReceiveAsync());
        Assert.False(_systemd.HasPending);
    }

    [Fact]
    public async Task CheckHealthAndNotify_UnhealthyBeforeReady_ReportsStartingAndWithholdsReady()
    {
        var service = CreateService(WatchdogTimeout);
        _health.Healthy = false;
        _health.Reason = "connector 1 loop not started";

        service.CheckHealthAndNotify();
        service.CheckHealthAndNotify();

        Assert.Equal("STATUS=Starting: connector 1 loop not started", await _systemd.ReceiveAsync());
        Assert.False(_systemd.HasPending);
        Assert.False(service.IsReadySent);
    }

    [Fact]
    public async Task CheckHealthAndNotify_ControlLoopHangs_StopsPingingUntilItRecovers()
    {
        var service = CreateService(WatchdogTimeout);
        service.CheckHealthAndNotify();
        Assert.Equal("READY=1\nSTATUS=Running\nWATCHDOG=1", await _systemd.ReceiveAsync());

        _health.Healthy = false;
        _health.Reason = "connector 1 loop silent for 3 s";
        for (var i = 0; i < 5; i++)
        {
            service.CheckHealthAndNotify();
        }

        Assert.Equal("STATUS=Unhealthy: connector 1 loop silent for 3 s", await _systemd.ReceiveAsync());
        Assert.False(_systemd.HasPending);

        _health.Healthy = true;
        _health.Reason = string.Empty;
        service.CheckHealthAndNotify();

        Assert.Equal("STATUS=Running\nWATCHDOG=1", await _systemd.ReceiveAsync());
        Assert.False(_systemd.HasPending);
    }

    [Fact]
    public async Task CheckHealthAndNotify_ReasonChangesWhileUnhealthy_SendsTheNewStatusOnly()
    {
        var service = CreateService(WatchdogTimeout);
        service.CheckHealthAndNotify();
        await _systemd.ReceiveAsync();
        _health.Healthy = false;
        _health.Reason = "connector 1 loop silent";
        service.CheckHealthAndNotify();
        await _systemd.ReceiveAsync();

        _health.Reason = "connector 1 and 2 loops silent";
        service.CheckHealthAndNotify();

        Assert.Equal("STATUS=Unhealthy: connector 1 and 2 loops silent", await _systemd.ReceiveAsync());
    }

    [Fact]
    public async Task CheckHealthAndNotify_ReasonWithLineBreaks_IsSentAsOneStatusLine()
    {
        var service = CreateService(WatchdogTimeout);
        _health.Healthy = false;
        _health.Reason = "loop 1 silent\nREADY=1\r\nloop 2 silent";

        service.CheckHealthAndNotify();

        Assert.Equal("STATUS=Starting: loop 1 silent READY=1 loop 2 silent", await _systemd.ReceiveAsync());
        Assert.False(service.IsReadySent);
    }

    [Fact]
    public async Task CheckHealthAndNotify_NoWatchdogConfigured_SendsReadyButNoPings()
    {
        var service = CreateService(watchdogTimeout: null);

        service.CheckHealthAndNotify();
        service.CheckHealthAndNotify();

        Assert.Equal("READY=1\nSTATUS=Running", await _systemd.ReceiveAsync());
        Assert.False(_systemd.HasPending);
    }

    [Fact]
    public async Task CheckHealthAndNotify_SystemdNotListeningYet_RetriesReadyOnTheNextCheck()
    {
        var name = "@evse-notify-test/" + Guid.NewGuid().ToString("N");
        var service = CreateService(WatchdogTimeout, name);
        service.CheckHealthAndNotify();
        Assert.False(service.IsReadySent);

        using var lateSystemd = NotifySocketListener.Abstract(name);
        service.CheckHealthAndNotify();

        Assert.Equal("READY=1\nSTATUS=Running\nWATCHDOG=1", await lateSystemd.ReceiveAsync());
        Assert.True(service.IsReadySent);
    }

    [Theory]
    [InlineData(10_000, 5_000)]
    [InlineData(30_000, 15_000)]
    [InlineData(1, 0.5)]
    public void CheckInterval_Watchdog_IsHalfTheTimeout(double timeoutMs, double expectedMs)
    {
        var service = CreateService(TimeSpan.FromMilliseconds(timeoutMs));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), service.CheckInterval);
    }

    [Fact]
    public void CheckInterval_NoWatchdog_IsThePollInterval()
    {
        var service = CreateService(watchdogTimeout: null);

        Assert.Equal(SystemdWatchdogService.PollIntervalWithoutWatchdog, service.CheckInterval);
    }

    [Fact]
    public async Task StartAsync_NoNotifySocket_FinishesAtOnceWithoutAskingHealth()
    {
        var service = CreateService(WatchdogTimeout, notifySocket: null);

        await service.StartAsync(CancellationToken.None);
        _lifetime.NotifyStarted();

        Assert.NotNull(service.ExecuteTask);
        await service.ExecuteTask.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(_health.Calls);
        Assert.Equal(0, _time.PendingTimers);
    }

    [Fact]
    public async Task StartAsync_HostNotStartedYet_WaitsForApplicationStartedBeforeReady()
    {
        var service = CreateService(WatchdogTimeout);
        await service.StartAsync(CancellationToken.None);

        Assert.Empty(_health.Calls);
        Assert.False(_systemd.HasPending);

        _lifetime.NotifyStarted();

        Assert.Equal("READY=1\nSTATUS=Running\nWATCHDOG=1", await _systemd.ReceiveAsync());
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Running_Healthy_PingsEveryHalfWatchdogTimeoutOnTheInjectedClock()
    {
        var start = _time.GetUtcNow();
        var service = CreateService(WatchdogTimeout);
        await service.StartAsync(CancellationToken.None);
        _lifetime.NotifyStarted();
        Assert.StartsWith("READY=1", await _systemd.ReceiveAsync(), StringComparison.Ordinal);
        WaitForTimerArmed();

        for (var i = 0; i < 3; i++)
        {
            _time.Advance(PingInterval);
            Assert.Equal("WATCHDOG=1", await _systemd.ReceiveAsync());
        }

        Assert.Equal(
            [start, start + PingInterval, start + (2 * PingInterval), start + (3 * PingInterval)],
            _health.Calls);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Running_ControlLoopHangs_NoPingUntilHealthyAgain()
    {
        var service = CreateService(WatchdogTimeout);
        await service.StartAsync(CancellationToken.None);
        _lifetime.NotifyStarted();
        await _health.WaitForCallAsync();
        Assert.StartsWith("READY=1", await _systemd.ReceiveAsync(), StringComparison.Ordinal);
        WaitForTimerArmed();

        _health.Healthy = false;
        _health.Reason = "connector 1 loop hung";
        _time.Advance(PingInterval);
        await _health.WaitForCallAsync();
        Assert.Equal("STATUS=Unhealthy: connector 1 loop hung", await _systemd.ReceiveAsync());

        // Longer than WatchdogSec: systemd would have killed us by now, which is the point.
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(PingInterval);
            await _health.WaitForCallAsync();
        }

        _health.Healthy = true;
        _health.Reason = string.Empty;
        _time.Advance(PingInterval);
        await _health.WaitForCallAsync();

        // Datagrams arrive in order, so a ping sent while unhealthy would show up here first.
        Assert.Equal("STATUS=Running\nWATCHDOG=1", await _systemd.ReceiveAsync());
        Assert.Equal(7, _health.Calls.Count);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ApplicationStopping_WhileRunning_SendsStoppingAndNothingAfterIt()
    {
        var service = CreateService(WatchdogTimeout);
        await service.StartAsync(CancellationToken.None);
        _lifetime.NotifyStarted();
        Assert.StartsWith("READY=1", await _systemd.ReceiveAsync(), StringComparison.Ordinal);

        _lifetime.StopApplication();
        Assert.Equal("STOPPING=1\nSTATUS=Stopping", await _systemd.ReceiveAsync());
        service.CheckHealthAndNotify();
        await service.StopAsync(CancellationToken.None);

        Assert.False(_systemd.HasPending);
        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
    }

    private void WaitForTimerArmed()
    {
        // The loop arms its PeriodicTimer on a pool thread right after READY; advancing the fake clock
        // before that would move time past a timer that does not exist yet.
        Assert.True(SpinWait.SpinUntil(() => _time.PendingTimers > 0, TimeSpan.FromSeconds(60)), "the watchdog loop never armed its timer");
    }
}
