using System.Diagnostics;

namespace Evse.Testing;

/// <summary>
/// Waits on the real clock until the process's thread pool has gone quiet: nothing queued and (almost) nothing completed
/// over two polls in a row. A whole-daemon test that moves the fake clock a step at a time uses it so that the work
/// the step made due (timers' continuations, a frame sent and answered, the answer handled) has run before the clock
/// moves again. A fixed real-time pause per step is too short on a loaded machine (the daemon then sees a later fake
/// time than the step it reacted to) and wasteful on a quiet one; this adapts to the load.
/// </summary>
public static class ThreadPoolQuiet
{
    // A quiet pool still completes a few items per poll: the poll's own timer continuation and the host's housekeeping.
    private const long IdleCompletionsPerPoll = 2;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Returns once the pool is quiet, once <paramref name="done"/> holds, or after <paramref name="limit"/> of real time
    /// (a daemon that never goes quiet only makes the test slower, not wrong: the caller asserts what it needs).
    /// </summary>
    public static async Task WaitAsync(TimeSpan limit, Func<bool>? done = null)
    {
        var watch = Stopwatch.StartNew();
        var quietPolls = 0;
        var completed = ThreadPool.CompletedWorkItemCount;
        while (watch.Elapsed < limit && quietPolls < 2 && done?.Invoke() != true)
        {
            await Task.Delay(Poll, TimeProvider.System).ConfigureAwait(false);
            var now = ThreadPool.CompletedWorkItemCount;
            quietPolls = ThreadPool.PendingWorkItemCount == 0 && now - completed <= IdleCompletionsPerPoll ? quietPolls + 1 : 0;
            completed = now;
        }
    }
}
