namespace Evse.Ocpp.Transport;

/// <summary>
/// Exponential backoff with full jitter: attempt n waits a uniform random time in [0, min(cap, base·2ⁿ)). Full jitter
/// spreads a fleet of chargers that lost the same Central System so they do not reconnect in lock-step.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Random random)
{
    private int _attempt;

    /// <summary>Failed attempts since the last success.</summary>
    public int Attempt => _attempt;

    /// <summary>The upper bound of the delay for the current attempt.</summary>
    public TimeSpan CurrentBound
    {
        get
        {
            var exponent = Math.Min(_attempt, 30);
            var bound = baseDelay.TotalMilliseconds * Math.Pow(2, exponent);
            return TimeSpan.FromMilliseconds(Math.Min(bound, maxDelay.TotalMilliseconds));
        }
    }

    /// <summary>Draws the delay before the next attempt and moves to the next attempt.</summary>
    public TimeSpan NextDelay()
    {
        var bound = CurrentBound;
        _attempt++;
#pragma warning disable CA5394 // Jitter needs spread, not unpredictability.
        return TimeSpan.FromMilliseconds(random.NextDouble() * bound.TotalMilliseconds);
#pragma warning restore CA5394
    }

    /// <summary>A connection succeeded: start again from the base delay.</summary>
    public void Reset() => _attempt = 0;
}
