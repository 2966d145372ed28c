using Evse.Ocpp.Transport;

namespace Evse.Ocpp.Tests.Transport;

public class ReconnectBackoffTests
{
    [Fact]
    public void NextDelay_BoundDoublesUpToCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), new Random(1));
        var bounds = new List<TimeSpan>();

        for (var i = 0; i < 6; i++)
        {
            bounds.Add(backoff.CurrentBound);
            backoff.NextDelay();
        }

        Assert.Equal(new[] { 2, 4, 8, 16, 30, 30 }.Select(s => TimeSpan.FromSeconds(s)), bounds);
    }

    [Fact]
    public void NextDelay_IsFullJitterWithinBound()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(42));
        var delays = new List<double>();

        for (var i = 0; i < 2000; i++)
        {
            backoff.Reset();
            for (var k = 0; k < 4; k++)
            {
                backoff.NextDelay();
            }

            var bound = backoff.CurrentBound;
            var delay = backoff.NextDelay();
            Assert.InRange(delay, TimeSpan.Zero, bound);
            delays.Add(delay.TotalSeconds / bound.TotalSeconds);
        }

        // Full jitter: spread over the whole range, not clustered at the bound.
        Assert.InRange(delays.Average(), 0.45, 0.55);
        Assert.True(delays.Min() < 0.05 && delays.Max() > 0.95);
    }

    [Fact]
    public void Reset_StartsAgainFromBase()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), new Random(3));
        backoff.NextDelay();
        backoff.NextDelay();

        backoff.Reset();

        Assert.Equal(0, backoff.Attempt);
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.CurrentBound);
    }

    [Fact]
    public void NextDelay_SameSeed_SameSequence()
    {
        var a = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), new Random(9));
        var b = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), new Random(9));

        Assert.Equal(Enumerable.Range(0, 8).Select(_ => a.NextDelay()), Enumerable.Range(0, 8).Select(_ => b.NextDelay()));
    }
}
