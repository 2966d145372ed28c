using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Gpio;
using Evse.Hardware.Linux.Pwm;

namespace Evse.Hardware.Linux.Drivers;

/// <summary>
/// The control pilot: a 1 kHz hardware PWM into the ±12 V output stage, plus the line that powers
/// that stage. +12 V steady is 100 % duty, −12 V steady is 0 % (IEC 61851-1 Annex A).
/// Disposing leaves the pilot at −12 V (state F) and the stage powered down.
/// </summary>
public sealed class PwmPilotGenerator : IPilotGenerator, IDisposable
{
    /// <summary>IEC 61851-1 Annex A: 1 kHz ± 2 %.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(1);

    private readonly IPwmChannel _pwm;
    private readonly IGpioOutput? _stageEnable;
    private readonly object _gate = new();

    public PwmPilotGenerator(IPwmChannel pwm, IGpioOutput? stageEnable)
    {
        _pwm = pwm;
        _stageEnable = stageEnable;
        Drive(PilotOutput.StateF);
    }

    public PilotOutput Output { get; private set; } = PilotOutput.StateF;

    public void Drive(PilotOutput output)
    {
        var duty = output.Mode switch
        {
            PilotOutputMode.SteadyPositive => 1.0,
            PilotOutputMode.SteadyNegative => 0.0,
            _ => output.DutyPercent / 100.0,
        };
        lock (_gate)
        {
            _pwm.Set(Period, duty);
            _stageEnable?.Write(true);
            Output = output;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _pwm.Set(Period, 0);
            _stageEnable?.Write(false);
            _pwm.Dispose();
            _stageEnable?.Dispose();
        }
    }
}
