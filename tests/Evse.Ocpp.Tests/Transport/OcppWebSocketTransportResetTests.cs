using Evse.Ocpp.Tests.Rpc;
using Evse.Ocpp.Transport;
using Evse.Testing;

namespace Evse.Ocpp.Tests.Transport;

/// <summary>
/// A send that is under way when the Central System resets the TCP connection. The run loop's receive sees the reset
/// and aborts the socket; the send then ends in OperationCanceledException although its caller was not cancelled.
/// Before the fix that escaped TrySendAsync and stopped the charge point's event loop for good.
/// </summary>
public class OcppWebSocketTransportResetTests
{
    [Fact]
    public async Task TrySendAsync_PeerResetsConnectionDuringSend_ReturnsFalseInsteadOfThrowing()
    {
        using var cs = ResettingCentralSystem.Start();
        var options = new OcppWebSocketOptions
        {
            CentralSystemUrl = cs.BaseUrl,
            ChargePointId = "CP1",
            ReconnectBaseDelay = TimeSpan.FromMinutes(10),
            ReconnectMaxDelay = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        using var transport = new OcppWebSocketTransport(options, TimeProvider.System, new Random(7), new CapturingLogger<OcppWebSocketTransport>());
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();
        var run = transport.RunAsync(listener, stop.Token);
        Assert.Equal("connected", await listener.NextAsync());

        // The server reads nothing, so the sends fill the socket buffers until one cannot complete.
        var frame = "[2,\"x\",\"DataTransfer\",{\"vendorId\":\"" + new string('a', 64 * 1024) + "\"}]";
        Task<bool>? pending = null;
        for (var i = 0; i < 10_000 && pending is null; i++)
        {
            var send = transport.TrySendAsync(frame, CancellationToken.None).AsTask();
            if (!await RealClockWait.UntilAsync(() => send.IsCompleted, TimeSpan.FromMilliseconds(300)))
            {
                pending = send;
            }
            else
            {
                Assert.True(await send, "a send failed before the reset");
            }
        }

        Assert.NotNull(pending);
        await cs.ResetAsync();
        var outcome = await pending.WaitAsync(RealClockWait.Deadline);

        Assert.False(outcome);
        Assert.Equal("disconnected", await listener.NextAsync());
        Assert.False(await transport.TrySendAsync("[2,\"y\",\"Heartbeat\",{}]", CancellationToken.None));
        await stop.CancelAsync();
        await run.WaitAsync(RealClockWait.Deadline);
    }
}
