using Evse.Core.Ports.Hardware;

namespace Evse.Core.Pilot;

/// <summary>
/// Turns measured pilot voltages into a state (REQUIREMENTS §1): A ≥ 11 V, B 8–10 V, C 5–7 V,
/// D 2–4 V, E ≈ 0 V, F −12 V. The band edges sit half-way between the nominal levels; anything
/// between −11 V and 2 V is E (the "CP voltage abnormal" band of seed 004 §15).
/// </summary>
public static class PilotClassifier
{
    public const double AMinVolts = 10.5;
    public const double BMinVolts = 7.5;
    public const double CMinVolts = 4.5;
    public const double DMinVolts = 2.0;
    public const double FMaxVolts = -11.0;

    /// <summary>In the low PWM phase the vehicle's diode must let the line reach about −12 V.</summary>
    public const double DiodeLowPhaseMaxVolts = -10.5;

    /// <summary>Two phases closer than this are one steady level, not a PWM high and low.</summary>
    public const double SteadyLineToleranceVolts = 1.0;

    public static PilotState Classify(double highVolts) => highVolts switch
    {
        >= AMinVolts => PilotState.A,
        >= BMinVolts => PilotState.B,
        >= CMinVolts => PilotState.C,
        >= DMinVolts => PilotState.D,
        > FMaxVolts => PilotState.E,
        _ => PilotState.F,
    };

    public static PilotState Classify(PilotReading reading) => Classify(reading.HighVolts);

    /// <summary>
    /// The diode check: while PWM runs and a vehicle is present (B, C or D), the low phase must read
    /// about −12 V. Without PWM there is no low phase, so the check passes.
    /// </summary>
    public static bool DiodeOk(PilotReading reading, PilotOutputMode driving)
    {
        if (driving != PilotOutputMode.Pwm)
        {
            return true;
        }

        // A reading whose two phases agree was taken on a steady line (sampled just before the PWM started):
        // it has no low phase to judge.
        if (Math.Abs(reading.HighVolts - reading.LowVolts) < SteadyLineToleranceVolts)
        {
            return true;
        }

        var state = Classify(reading.HighVolts);
        return state is not (PilotState.B or PilotState.C or PilotState.D) || reading.LowVolts <= DiodeLowPhaseMaxVolts;
    }
}
