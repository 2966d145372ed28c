namespace Evse.Core.Control;

/// <summary>Timing of the per-connector control loop.</summary>
public sealed class ControlLoopOptions
{
    /// <summary>How often the meter and temperatures are sampled and the protections evaluated (the protections ask for 100 ms while charging).</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often a running session's meter register is made durable (what a power cut can lose at most).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a ConnectorMetered event is published.</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Seed 001 "Authorize Timeout": an authorization with no answer by then is refused.</summary>
    public TimeSpan AuthorizeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the record writer waits before it tries a failed write again (it never drops one while running).</summary>
    public TimeSpan RecordRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A loop that has not stepped for this long is reported unhealthy (the watchdog stops).</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
