namespace Evse.Hardware.Linux.Gpio;

/// <summary>One GPIO input line, optionally with edge events.</summary>
public interface IGpioInput : IDisposable
{
    /// <summary>The logical level now (active-low already applied).</summary>
    bool Read();

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the next edge. False on timeout. Only lines
    /// requested with edge events support this; others throw <see cref="InvalidOperationException"/>.
    /// </summary>
    bool TryWaitForEdge(TimeSpan timeout, out GpioEdge edge);
}
