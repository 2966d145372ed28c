using Evse.Core.Ports.Hardware;
using Microsoft.Extensions.Logging;

namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// Polls a PN532 for ISO 14443A cards on its own task and raises <see cref="CardPresented"/> once
/// per presentation: the same card must leave the field (or another card come) before it counts
/// again. After <see cref="OfflineAfterFailures"/> polls in a row without a proper answer the
/// reader is offline; with the defaults (250 ms period, 150 ms per frame) that is within 3 × (0.25 + 0.3) s ≈ 1.7 s.
/// </summary>
public sealed partial class Pn532CardReader : ICardReader, IDisposable
{
    private readonly Pn532 _chip;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private bool _configured;
    private int _failures;
    private string? _cardInField;

    public Pn532CardReader(Pn532 chip, TimeProvider time, ILogger<Pn532CardReader> logger)
    {
        _chip = chip;
        _time = time;
        _logger = logger;
    }

    public event EventHandler<string>? CardPresented;

    public TimeSpan PollPeriod { get; init; } = TimeSpan.FromMilliseconds(250);

    public int OfflineAfterFailures { get; init; } = 3;

    /// <summary>Optimistic until the first polls fail, so a slow first answer raises no fault at boot.</summary>
    public bool IsOnline { get; private set; } = true;

    /// <summary>Starts the polling task.</summary>
    public void Start() => _loop ??= Task.Run(RunAsync);

    /// <summary>One poll: configures the chip if needed, then looks for a card. Public for tests and bring-up.</summary>
    public void PollOnce()
    {
        var answered = _configured ? PollCard() : Configure();
        if (answered)
        {
            if (!IsOnline)
            {
                LogBackOnline(_logger);
            }

            _failures = 0;
            IsOnline = true;
            return;
        }

        _configured = false;
        if (++_failures >= OfflineAfterFailures && IsOnline)
        {
            IsOnline = false;
            LogOffline(_logger, _failures);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The loop ends with a cancellation; nothing else can escape it.
        }

        _stop.Dispose();
        _chip.Dispose();
    }

    private bool Configure()
    {
        if (!_chip.TryGetFirmwareVersion(out var ic, out var version, out var revision) || !_chip.TryConfigure())
        {
            return false;
        }

        LogFirmware(_logger, ic, version, revision);
        _configured = true;
        return true;
    }

    private bool PollCard()
    {
        if (!_chip.TryReadPassiveTarget(out var uid))
        {
            return false;
        }

        var card = uid is null ? null : Convert.ToHexString(uid);
        if (card is not null && card != _cardInField)
        {
            CardPresented?.Invoke(this, card);
        }

        _cardInField = card;
        return true;
    }

    private async Task RunAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    PollOnce();
                }
                catch (IOException ex)
                {
                    LogBusError(_logger, ex.Message);
                    _configured = false;
                    if (++_failures >= OfflineAfterFailures)
                    {
                        IsOnline = false;
                    }
                }

                await Task.Delay(PollPeriod, _time, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: stop quietly.
        }
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "PN532 found: IC 0x{Ic:X2}, firmware {Version}.{Revision}")]
    private static partial void LogFirmware(ILogger logger, int ic, int version, int revision);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Warning, Message = "Card reader offline after {Failures} polls without an answer")]
    private static partial void LogOffline(ILogger logger, int failures);

    [LoggerMessage(EventId = 5403, Level = LogLevel.Information, Message = "Card reader answers again")]
    private static partial void LogBackOnline(ILogger logger);

    [LoggerMessage(EventId = 5404, Level = LogLevel.Warning, Message = "Card reader bus error: {Reason}")]
    private static partial void LogBusError(ILogger logger, string reason);
}
