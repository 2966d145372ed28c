using Evse.Core.Ports.Hardware;

namespace Evse.Core.Tests.Control;

/// <summary>
/// A display whose bus hangs: after <see cref="Hold"/>, the next frame blocks until the fake clock has moved on by
/// <paramref name="holdTime"/> (nothing moves it but the test); the frames after it draw at once.
/// </summary>
internal sealed class BlockingDisplay(TimeProvider time, TimeSpan holdTime) : IDisplay
{
    private int _hold;
    private int _blocked;
    private int _shown;

    /// <summary>True while a frame is stuck in <see cref="Show"/>.</summary>
    public bool Blocked => Volatile.Read(ref _blocked) > 0;

    public int Shown => Volatile.Read(ref _shown);

    public DisplayContent? Last { get; private set; }

    public void Hold() => Volatile.Write(ref _hold, 1);

    public void Show(DisplayContent content)
    {
        if (Interlocked.Exchange(ref _hold, 0) == 1)
        {
            Interlocked.Increment(ref _blocked);
            Task.Delay(holdTime, time).Wait();
            Interlocked.Decrement(ref _blocked);
        }

        Last = content;
        Interlocked.Increment(ref _shown);
    }
}
