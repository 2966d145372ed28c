using System.Diagnostics;

namespace Evse.Host.Tests.Support;

/// <summary>
/// Waits for work another thread does (a control loop consuming its inbox). The logic under test runs on a
/// fake clock; only this hand-over between threads is waited for, and the wait is bounded.
/// </summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<T> read, Func<T, bool> until, string what, double timeoutSeconds = 10)
    {
        var watch = Stopwatch.StartNew();
        T value = read();
        while (!until(value))
        {
            if (watch.Elapsed.TotalSeconds > timeoutSeconds)
            {
                throw new TimeoutException($"Gave up after {timeoutSeconds} s waiting for {what}; last value: {value}");
            }

            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System);
            value = read();
        }

        return value;
    }

    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> until, string what, double timeoutSeconds = 10)
    {
        var watch = Stopwatch.StartNew();
        var value = await read();
        while (!until(value))
        {
            if (watch.Elapsed.TotalSeconds > timeoutSeconds)
            {
                throw new TimeoutException($"Gave up after {timeoutSeconds} s waiting for {what}; last value: {value}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System);
            value = await read();
        }

        return value;
    }

    public static Task True(Func<bool> condition, string what, double timeoutSeconds = 10) =>
        Get(condition, v => v, what, timeoutSeconds);
}
