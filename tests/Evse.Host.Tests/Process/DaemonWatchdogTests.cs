using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Evse.Host.Tests.Support;

namespace Evse.Host.Tests.Process;

/// <summary>
/// The real daemon under a harness that speaks systemd's notify protocol: READY once the loops run, watchdog
/// pings while they are healthy, none while a control loop hangs, pings again once it recovers.
/// </summary>
public sealed class DaemonWatchdogTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task HungControlLoop_StopsTheWatchdogPingsUntilItRecovers()
    {
        var socketPath = Path.Combine(_data.Path, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var clock = Stopwatch.StartNew();
        var messages = new List<(TimeSpan At, string Text)>();
        using var stop = new CancellationTokenSource();
        var receiver = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var length = await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                    lock (messages)
                    {
                        messages.Add((clock.Elapsed, Encoding.UTF8.GetString(buffer, 0, length)));
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
        List<(TimeSpan At, string Text)> Snapshot()
        {
            lock (messages)
            {
                return [.. messages];
            }
        }

        var environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath, ["WATCHDOG_USEC"] = "1000000" };
        await using var daemon = await DaemonProcess.StartAsync(_data.Path, environment, "--ControlLoop:StallTimeout", "00:00:01");

        await Eventually.True(() => Snapshot().Count(m => m.Text.Contains("WATCHDOG=1", StringComparison.Ordinal)) >= 3, "three watchdog pings");
        Assert.Contains(Snapshot(), m => m.Text.Contains("READY=1", StringComparison.Ordinal));

        var stalledAt = clock.Elapsed;
        await daemon.PostAsync("api/sim/connectors/1/stall", new { seconds = 5 });
        await Eventually.True(() => Snapshot().Any(m => m.At > stalledAt + TimeSpan.FromSeconds(5.5) && m.Text.Contains("WATCHDOG=1", StringComparison.Ordinal)), "pings to resume after the stall", timeoutSeconds: 20);

        var pings = Snapshot().Where(m => m.Text.Contains("WATCHDOG=1", StringComparison.Ordinal)).Select(m => m.At).ToList();
        var longestGap = pings.Zip(pings.Skip(1), (a, b) => b - a).Max();
        Assert.True(longestGap >= TimeSpan.FromSeconds(3), $"longest gap between pings {longestGap.TotalSeconds:0.0} s; a hung loop must stop them");
        Assert.DoesNotContain(pings, at => at > stalledAt + TimeSpan.FromSeconds(2) && at < stalledAt + TimeSpan.FromSeconds(4.5));
        Assert.Contains(Snapshot(), m => m.Text.Contains("STATUS=", StringComparison.Ordinal) && m.Text.Contains("not stepped", StringComparison.Ordinal));

        daemon.Terminate();
        await daemon.WaitForExitAsync();
        Assert.Contains(Snapshot(), m => m.Text.Contains("STOPPING=1", StringComparison.Ordinal));
        await stop.CancelAsync();
        await receiver;
    }
}
