using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Gpio;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>
/// The contactor coil on a GPIO output and its feedback (mirror contact or load-side voltage
/// detector) on a GPIO input. Without a feedback input the feedback follows the command, which means
/// no weld detection: the board file should always name one on a real product.
/// </summary>
public sealed class GpioContactor : IContactor, IDisposable
{
    private readonly IGpioOutput _coil;
    private readonly IGpioInput? _feedback;

    public GpioContactor(IGpioOutput coil, IGpioInput? feedback)
    {
        _coil = coil;
        _feedback = feedback;
        _coil.Write(false);
    }

    public bool IsCommandedClosed => _coil.IsActive;

    public bool FeedbackClosed => _feedback?.Read() ?? _coil.IsActive;

    public void Close() => _coil.Write(true);

    public void Open() => _coil.Write(false);

    public void Dispose()
    {
        _coil.Write(false);
        _coil.Dispose();
        _feedback?.Dispose();
    }
}
