using Evse.Host.Systemd;

namespace Evse.Host.Tests.Systemd;

/// <summary>A health seam the test flips, which records when (on the fake clock) it was asked.</summary>
internal sealed class FakeServiceHealth(TimeProvider timeProvider) : IServiceHealth, IDisposable
{
    private readonly SemaphoreSlim _called = new(0);
    private readonly List<DateTimeOffset> _calls = [];
    private readonly object _gate = new();

    public volatile bool Healthy = true;

    public volatile string Reason = string.Empty;

    public IReadOnlyList<DateTimeOffset> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public bool IsHealthy(out string reason)
    {
        var healthy = Healthy;
        reason = Reason;
        lock (_gate)
        {
            _calls.Add(timeProvider.GetUtcNow());
        }

        _called.Release();
        return healthy;
    }

    /// <summary>Waits (bounded) until the service has asked once more.</summary>
    public async Task WaitForCallAsync()
    {
        Assert.True(await _called.WaitAsync(TimeSpan.FromSeconds(10)), "the watchdog service did not check health");
    }

    public void Dispose() => _called.Dispose();
}
