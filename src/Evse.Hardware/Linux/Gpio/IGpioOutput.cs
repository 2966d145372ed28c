namespace Evse.Hardware.Linux.Gpio;

/// <summary>One GPIO output line. "Active" is the logical level; active-low wiring is handled below this seam.</summary>
public interface IGpioOutput : IDisposable
{
    bool IsActive { get; }

    void Write(bool active);
}
