namespace Evse.Hardware.Linux.Gpio;

/// <summary>An edge seen on an input line, in logical terms (active-low already applied).</summary>
/// <param name="BecameActive">True when the line went to its active level.</param>
/// <param name="KernelTimestamp">The kernel's timestamp of the edge (CLOCK_MONOTONIC or REALTIME, as the kernel reports it).</param>
public readonly record struct GpioEdge(bool BecameActive, TimeSpan KernelTimestamp);
