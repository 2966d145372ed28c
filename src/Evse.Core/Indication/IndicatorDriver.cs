using System.Collections.Concurrent;
using Evse.Core.Ports.Hardware;
using Microsoft.Extensions.Logging;

namespace Evse.Core.Indication;

/// <summary>
/// Drives the station's LED, display and buzzer on a thread of its own, so that a slow part never holds up a control
/// loop: an SSD1306 over I²C takes milliseconds a frame, and a display whose bus hangs would otherwise stall the loop
/// that published a status change, and with it the next trip. The loops only say that something changed
/// (<see cref="Refresh"/>) or queue a beep (<see cref="Play"/>); neither blocks. The thread then composes the frame
/// from the latest state, so a burst of changes while the display draws costs one more frame, not one per change.
/// </summary>
/// <remarks>
/// Beeps go first, then the frame: a card's beep is not held up behind a display refresh. A part that throws is
/// logged and the thread carries on (the next change tries again); the LED and display are not safety functions.
/// </remarks>
public sealed partial class IndicatorDriver : IBuzzer, IDisposable
{
    private readonly IStatusLed _led;
    private readonly IDisplay _display;
    private readonly IBuzzer _buzzer;
    private readonly Func<IndicationFrame> _compose;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<BuzzerPattern> _beeps = new();
    // Set from the control loops (real-time threads): a WakeSignal, so a loop never waits for this thread's lock.
    private readonly Control.WakeSignal _wake = new();
    private int _refreshPending;
    private long _framesShown;

    /// <param name="led">The status LED.</param>
    /// <param name="display">The display.</param>
    /// <param name="buzzer">The buzzer.</param>
    /// <param name="compose">Builds the frame from the latest state; runs on the indicator thread.</param>
    /// <param name="logger">Where a failing part is reported.</param>
    public IndicatorDriver(IStatusLed led, IDisplay display, IBuzzer buzzer, Func<IndicationFrame> compose, ILogger logger)
    {
        _led = led;
        _display = display;
        _buzzer = buzzer;
        _compose = compose;
        _logger = logger;
    }

    /// <summary>Frames shown so far (tests).</summary>
    public long FramesShown => Interlocked.Read(ref _framesShown);

    /// <summary>Something the LED or display shows may have changed. Thread-safe; never blocks.</summary>
    public void Refresh()
    {
        if (Interlocked.Exchange(ref _refreshPending, 1) == 0)
        {
            _wake.Set();
        }
    }

    /// <summary>Queues a beep. Thread-safe; never blocks.</summary>
    public void Play(BuzzerPattern pattern)
    {
        _beeps.Enqueue(pattern);
        _wake.Set();
    }

    /// <summary>
    /// Runs the indicator thread until <paramref name="stoppingToken"/> is cancelled; the task ends with the thread.
    /// A part that hangs keeps the thread (and this task) until it returns.
    /// </summary>
    public Task RunAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Normal shutdown.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug while composing a frame: the indicators stop, the charger does not (they are no safety
                // function), and an exception escaping a thread would end the whole process.
                LogThreadFailed(ex);
            }

            done.SetResult();
        })
        {
            IsBackground = true,
            Name = "indicators",
        };
        thread.Start();
        return done.Task;
    }

    public void Dispose() => _wake.Dispose();

    private void Run(CancellationToken stoppingToken)
    {
        while (true)
        {
            _wake.Wait(stoppingToken);
            while (_beeps.TryDequeue(out var pattern))
            {
                Guard(() => _buzzer.Play(pattern), "buzzer");
            }

            if (Interlocked.Exchange(ref _refreshPending, 0) == 1)
            {
                var frame = _compose();
                Guard(() => _led.Show(frame.Led), "status LED");
                Guard(() => _display.Show(frame.Display), "display");
                Interlocked.Increment(ref _framesShown);
            }
        }
    }

    private void Guard(Action drive, string part)
    {
        try
        {
            drive();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            LogPartFailed(ex, part);
        }
    }

    [LoggerMessage(EventId = 1130, Level = LogLevel.Warning, Message = "Indicator thread: the {Part} failed; it is tried again at the next change")]
    private partial void LogPartFailed(Exception ex, string part);

    [LoggerMessage(EventId = 1131, Level = LogLevel.Critical, Message = "Indicator thread failed; the LED, display and buzzer are no longer updated")]
    private partial void LogThreadFailed(Exception ex);
}
