using Evse.Ocpp.Transport;

namespace Evse.Ocpp.Tests.Transport;

public class LoopbackTransportTests
{
    [Fact]
    public async Task SetOnline_TogglesReportConnectAndDisconnectInOrder()
    {
        using var transport = new LoopbackTransport();
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();
        var run = transport.RunAsync(listener, stop.Token);

        await transport.SetOnlineAsync(true);
        await transport.SetOnlineAsync(true);
        await transport.SetOnlineAsync(false);
        await transport.SetOnlineAsync(true);
        await stop.CancelAsync();
        await run;

        Assert.Equal(["connected", "disconnected", "connected", "disconnected"], listener.History);
    }

    [Fact]
    public async Task RunAsync_StartedWhileOnline_ReportsConnectedFirst()
    {
        using var transport = new LoopbackTransport();
        await transport.SetOnlineAsync(true);
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();

        var run = transport.RunAsync(listener, stop.Token);
        Assert.Equal("connected", await listener.NextAsync());
        await stop.CancelAsync();
        await run;

        Assert.False(transport.IsConnected);
    }

    [Fact]
    public async Task Offline_SendAndDeliverFail_AndNothingIsRecorded()
    {
        using var transport = new LoopbackTransport();
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();
        var run = transport.RunAsync(listener, stop.Token);

        var sent = await transport.TrySendAsync("[2,\"a\",\"Heartbeat\",{}]", CancellationToken.None);
        var delivered = await transport.DeliverAsync("[3,\"a\",{}]");
        await stop.CancelAsync();
        await run;

        Assert.False(sent);
        Assert.False(delivered);
        Assert.Empty(transport.SentLog);
        Assert.Empty(listener.History);
    }

    [Fact]
    public async Task Online_SentFramesAndDeliveredFramesFlowBothWays()
    {
        using var transport = new LoopbackTransport();
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();
        var run = transport.RunAsync(listener, stop.Token);
        await transport.SetOnlineAsync(true);

        Assert.True(await transport.TrySendAsync("[2,\"a\",\"Heartbeat\",{}]", CancellationToken.None));
        Assert.True(await transport.DeliverAsync("[3,\"a\",{}]"));
        var readBack = await transport.SentFrames.ReadAsync();
        await stop.CancelAsync();
        await run;

        Assert.Equal("[2,\"a\",\"Heartbeat\",{}]", readBack);
        Assert.Equal(["[2,\"a\",\"Heartbeat\",{}]"], transport.SentLog);
        Assert.Equal(["connected", "[3,\"a\",{}]", "disconnected"], listener.History);
    }
}
