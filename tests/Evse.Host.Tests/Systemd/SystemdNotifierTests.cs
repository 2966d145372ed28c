using Evse.Host.Systemd;

namespace Evse.Host.Tests.Systemd;

public sealed class SystemdNotifierTests
{
    [Fact]
    public async Task TryNotify_PathSocket_DeliversTheStateAsOneDatagram()
    {
        using var listener = NotifySocketListener.OnPath();
        using var notifier = new SystemdNotifier(listener.NotifySocket);

        var sent = notifier.TryNotify("READY=1\nSTATUS=Running", out var failure);

        Assert.True(sent, failure);
        Assert.Equal("READY=1\nSTATUS=Running", await listener.ReceiveAsync());
    }

    [Fact]
    public async Task TryNotify_AbstractSocketName_DeliversToTheAbstractAddress()
    {
        using var listener = NotifySocketListener.Abstract();
        using var notifier = new SystemdNotifier(listener.NotifySocket);

        Assert.True(notifier.TryNotify("WATCHDOG=1", out var failure), failure);
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync());
    }

    [Fact]
    public async Task TryNotify_RepeatedCalls_ReuseTheSocketAndKeepOrder()
    {
        using var listener = NotifySocketListener.OnPath();
        using var notifier = new SystemdNotifier(listener.NotifySocket);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(notifier.TryNotify($"STATUS=step {i}", out var failure), failure);
        }

        Assert.Equal("STATUS=step 0", await listener.ReceiveAsync());
        Assert.Equal("STATUS=step 1", await listener.ReceiveAsync());
        Assert.Equal("STATUS=step 2", await listener.ReceiveAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void TryNotify_NoNotifySocket_IsDisabledAndSendsNothing(string? notifySocket)
    {
        using var notifier = new SystemdNotifier(notifySocket);

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.TryNotify("READY=1", out var failure));
        Assert.Contains("NOTIFY_SOCKET", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNotify_NobodyListening_ReturnsFalseWithTheSocketError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "evse-no-such-" + Guid.NewGuid().ToString("N")[..12]);
        using var notifier = new SystemdNotifier(missing);

        Assert.True(notifier.IsEnabled);
        Assert.False(notifier.TryNotify("READY=1", out var failure));
        Assert.False(string.IsNullOrEmpty(failure));
    }

    [Fact]
    public async Task TryNotify_ListenerAppearsAfterAFailure_DeliversOnTheNextCall()
    {
        var listenerTemplate = NotifySocketListener.Abstract();
        var name = listenerTemplate.NotifySocket;
        listenerTemplate.Dispose();
        using var notifier = new SystemdNotifier(name);
        Assert.False(notifier.TryNotify("READY=1", out _));

        using var listener = NotifySocketListener.Abstract(name);

        Assert.True(notifier.TryNotify("READY=1", out var failure), failure);
        Assert.Equal("READY=1", await listener.ReceiveAsync());
    }

    [Fact]
    public void Constructor_AddressLongerThanSunPath_ThrowsArgumentException()
    {
        var tooLong = "/run/" + new string('x', 200);

        var ex = Assert.Throws<ArgumentException>(() => new SystemdNotifier(tooLong));

        Assert.Contains("NOTIFY_SOCKET", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNotify_AfterDispose_ThrowsObjectDisposed()
    {
        using var listener = NotifySocketListener.OnPath();
        var notifier = new SystemdNotifier(listener.NotifySocket);
        notifier.Dispose();

        Assert.Throws<ObjectDisposedException>(() => notifier.TryNotify("READY=1", out _));
    }
}
