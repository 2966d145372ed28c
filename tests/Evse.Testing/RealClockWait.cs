using System.Diagnostics;

namespace Evse.Testing;

/// <summary>
/// Waits on the REAL clock for work another thread does (the thread pool, a control loop, a sampling task).
/// A wait bounded by a count of yields or spins runs out on a loaded CI machine before the other thread ran, so every
/// wait here is bounded by a generous real-time deadline instead. The waits never assert: they return the condition's
/// last value, and the caller still asserts it (a test must stay able to fail). The fake clock is untouched except by
/// the caller's own <c>step</c>.
/// </summary>
public static class RealClockWait
{
    /// <summary>Long enough for a starved 2-core CI machine; a passing test never waits it out.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // The first checks only yield (cheap, and enough on a quiet machine); after that each check also gives the other
    // thread a millisecond of real time, so a long wait does not burn a core the other thread needs.
    private const int YieldOnlyChecks = 100;

    /// <summary>
    /// Yields until <paramref name="condition"/> holds or the real-time deadline passes; returns its last value. The
    /// condition is not evaluated again once it held.
    /// </summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = deadline ?? Deadline;
        var watch = Stopwatch.StartNew();
        for (var check = 0; !condition(); check++)
        {
            if (watch.Elapsed > limit)
            {
                return condition();
            }

            await Task.Yield();
            if (check >= YieldOnlyChecks)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
            }
        }

        return true;
    }

    /// <summary>Blocks (spinning, then sleeping briefly) until <paramref name="condition"/> holds or the deadline passes.</summary>
    public static bool Until(Func<bool> condition, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return SpinWait.SpinUntil(condition, deadline ?? Deadline);
    }

    /// <summary>
    /// Runs <paramref name="step"/> (typically a fake-clock advance) and then waits up to <paramref name="settle"/> of real
    /// time for <paramref name="condition"/>, repeating until it holds or the real-time deadline passes. Returns the number
    /// of steps taken, so the caller can assert how much fake time the condition needed.
    /// </summary>
    public static async Task<int> StepUntilAsync(Func<bool> condition, Func<Task> step, TimeSpan settle, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(step);
        var limit = deadline ?? Deadline;
        var watch = Stopwatch.StartNew();
        // The condition is evaluated once per check and its answer used (a TryRead that consumes is a valid condition).
        var steps = 0;
        if (condition())
        {
            return steps;
        }

        while (watch.Elapsed <= limit)
        {
            await step();
            steps++;
            if (await UntilAsync(condition, settle))
            {
                break;
            }
        }

        return steps;
    }

    /// <inheritdoc cref="StepUntilAsync(Func{bool}, Func{Task}, TimeSpan, TimeSpan?)"/>
    public static Task<int> StepUntilAsync(Func<bool> condition, Action step, TimeSpan settle, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        return StepUntilAsync(
            condition,
            () =>
            {
                step();
                return Task.CompletedTask;
            },
            settle,
            deadline);
    }
}
