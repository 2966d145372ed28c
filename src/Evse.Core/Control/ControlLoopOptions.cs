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

    /// <summary>
    /// Linux SCHED_FIFO priority (1–99) for each connector's loop thread; 0 (the default) leaves it an ordinary
    /// thread. The daemon needs CAP_SYS_NICE or LimitRTPRIO for it, and no RestrictRealtime=yes; when refused the
    /// loop logs it once and runs as an ordinary thread. The loop never spins, so it cannot starve the rest.
    /// </summary>
    public int RealTimePriority { get; set; }

    /// <summary>
    /// The CPU kept for the control loops and the driver threads that wake them: "none" (the default), "last" (the
    /// highest CPU the daemon may use, when it may use two or more) or a CPU number. Every other thread of the daemon is
    /// moved off it (<see cref="CpuReservation"/>). The package sets "last".
    /// </summary>
    public string RealTimeCpu { get; set; } = "none";

    /// <summary>A loop that has not stepped for this long is reported unhealthy (the watchdog stops).</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
