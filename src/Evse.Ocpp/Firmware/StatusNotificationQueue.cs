using System.Threading.Channels;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;

namespace Evse.Ocpp.Firmware;

/// <summary>
/// Sends the profile's status notifications one by one, in order, once the charge point is registered and online;
/// an undelivered one (offline, timeout) is retried after <c>retryInterval</c>, one the Central System refuses
/// (CALLERROR) is dropped. Each enqueue returns a task that completes with true when the notification was confirmed.
/// </summary>
internal sealed class StatusNotificationQueue(IOcppCaller caller, Func<bool> isOnline, TimeProvider time, TimeSpan retryInterval)
{
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public Task<bool> Enqueue<TConfirmation>(IOcppRequest<TConfirmation> request)
        where TConfirmation : class, IOcppConfirmation => Add(request, triggered: false);

    /// <summary>
    /// A notification the Central System asked for with TriggerMessage: sent once, in turn, even before the
    /// registration is Accepted (OCPP 1.6 §4.2 lets a Pending Central System trigger messages), and not retried
    /// (the Central System can trigger again; a stale status retried later would mislead it).
    /// </summary>
    public Task<bool> EnqueueTriggered<TConfirmation>(IOcppRequest<TConfirmation> request)
        where TConfirmation : class, IOcppConfirmation => Add(request, triggered: true);

    private Task<bool> Add<TConfirmation>(IOcppRequest<TConfirmation> request, bool triggered)
        where TConfirmation : class, IOcppConfirmation
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Writer.TryWrite(new Pending(async token => (await caller.CallAsync(request, token).ConfigureAwait(false)).Status, done, triggered));
        return done.Task;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var next = await _pending.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                next.Done.TrySetResult(await SendAsync(next, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            while (_pending.Reader.TryRead(out var left))
            {
                left.Done.TrySetResult(false);
            }
        }
    }

    private async Task<bool> SendAsync(Pending next, CancellationToken cancellationToken)
    {
        if (next.Triggered)
        {
            return await next.Send(cancellationToken).ConfigureAwait(false) == OcppCallStatus.Confirmed;
        }

        while (true)
        {
            if (isOnline())
            {
                var status = await next.Send(cancellationToken).ConfigureAwait(false);
                switch (status)
                {
                    case OcppCallStatus.Confirmed:
                        return true;
                    case OcppCallStatus.CallError or OcppCallStatus.InvalidConfirmation or OcppCallStatus.InvalidRequest:
                        return false;
                }
            }

            await Task.Delay(retryInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record Pending(Func<CancellationToken, Task<OcppCallStatus>> Send, TaskCompletionSource<bool> Done, bool Triggered);
}
