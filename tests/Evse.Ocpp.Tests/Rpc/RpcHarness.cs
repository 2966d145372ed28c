using Evse.Ocpp.Framing;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.Transport;
using Evse.Testing;

namespace Evse.Ocpp.Tests.Rpc;

/// <summary>A dispatcher on a loopback transport and a fake clock, with the test playing the Central System.</summary>
internal sealed class RpcHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private RpcHarness(OcppHandlerRegistry handlers)
    {
        Dispatcher = new OcppRpcDispatcher(Transport, handlers, new SequentialMessageIdGenerator("m"), Time, Options, Logger);
        _run = Transport.RunAsync(Dispatcher, _stop.Token);
    }

    public FakeTimeProvider Time { get; } = new();

    public LoopbackTransport Transport { get; } = new();

    public OcppRpcOptions Options { get; } = new() { CallTimeout = TimeSpan.FromSeconds(30) };

    public CapturingLogger<OcppRpcDispatcher> Logger { get; } = new();

    public OcppRpcDispatcher Dispatcher { get; }

    /// <summary>Error-level event ids this test expects; any other error log fails the test on dispose.</summary>
    public HashSet<int> ExpectedErrors { get; } = [];

    public static async Task<RpcHarness> StartAsync(OcppHandlerRegistry? handlers = null, bool online = true)
    {
        var harness = new RpcHarness(handlers ?? new OcppHandlerRegistry());
        if (online)
        {
            await harness.Transport.SetOnlineAsync(true);
        }

        return harness;
    }

    /// <summary>The next frame the charge point sent (fails the test after 5 s of real time rather than hanging).</summary>
    public async Task<string> NextSentAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await Transport.SentFrames.ReadAsync(timeout.Token);
    }

    /// <summary>Central System sends a frame; returns once every resulting CALL has been answered.</summary>
    public async Task DeliverAsync(string frame)
    {
        await Transport.DeliverAsync(frame);
        await Dispatcher.IncomingCallsDrained;
    }

    /// <summary>Waits (bounded on the real clock) until the dispatcher has armed its PDU timer.</summary>
    public async Task WaitForTimerAsync()
    {
        await RealClockWait.UntilAsync(() => Time.PendingTimers > 0);

        Assert.True(Time.PendingTimers > 0, "The dispatcher never armed its timeout.");
    }

    public bool TryReadSent(out string frame) => Transport.SentFrames.TryRead(out frame!);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        var unexpected = Logger.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error && !ExpectedErrors.Contains(e.Id.Id)).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected error log: " + string.Join(" | ", unexpected.Select(e => e.Message)));
        Dispatcher.Dispose();
        Transport.Dispose();
        _stop.Dispose();
    }
}
