namespace Evse.Core.Ports.Hardware;

/// <summary>What the control pilot generator drives onto the CP line.</summary>
public enum PilotOutputMode
{
    /// <summary>Steady +12 V: state x1, no power offered.</summary>
    SteadyPositive,

    /// <summary>1 kHz ±12 V PWM at <see cref="PilotOutput.DutyPercent"/>: state x2, power offered.</summary>
    Pwm,

    /// <summary>Steady −12 V: state F, EVSE not available (held on a fault).</summary>
    SteadyNegative,
}

/// <summary>A pilot generator setting. Construct it with the factory members.</summary>
public readonly record struct PilotOutput(PilotOutputMode Mode, double DutyPercent)
{
    public static PilotOutput NoPowerOffered => new(PilotOutputMode.SteadyPositive, 100);

    public static PilotOutput StateF => new(PilotOutputMode.SteadyNegative, 0);

    public static PilotOutput Pwm(double dutyPercent)
    {
        if (dutyPercent is <= 0 or >= 100 || double.IsNaN(dutyPercent))
        {
            throw new ArgumentOutOfRangeException(nameof(dutyPercent), dutyPercent, "A PWM duty cycle lies strictly between 0 and 100 %.");
        }

        return new(PilotOutputMode.Pwm, dutyPercent);
    }

    public override string ToString() => Mode switch
    {
        PilotOutputMode.Pwm => FormattableString.Invariant($"PWM {DutyPercent:0.##} %"),
        PilotOutputMode.SteadyPositive => "+12 V steady",
        _ => "-12 V steady",
    };
}
