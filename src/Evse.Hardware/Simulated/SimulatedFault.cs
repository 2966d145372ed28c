namespace Evse.Hardware.Simulated;

/// <summary>
/// Physical causes the simulated board can inject, one per condition of REQUIREMENTS §3.
/// Each produces the symptom a real board would show (a voltage, a stuck input, a silent chip);
/// the protections then have to detect it.
/// </summary>
public enum SimulatedFault
{
    /// <summary>Grid voltage 290 V on every phase.</summary>
    OverVoltage,

    /// <summary>Grid voltage 140 V on every phase.</summary>
    UnderVoltage,

    /// <summary>The EV ignores the pilot and draws 1.5 × the offered current.</summary>
    OverCurrent,

    /// <summary>The residual current monitor trips.</summary>
    ResidualCurrent,

    /// <summary>The contactor's feedback stays closed after an open command (welded contacts).</summary>
    RelayWelded,

    /// <summary>The contactor's feedback stays open after a close command.</summary>
    RelayStuckOpen,

    /// <summary>Relay temperature 130 °C.</summary>
    RelayOverTemperature,

    /// <summary>Input terminal temperature 120 °C.</summary>
    InputOverTemperature,

    /// <summary>Socket temperature 120 °C.</summary>
    SocketOverTemperature,

    /// <summary>CP shorted to PE: the pilot reads about 0 V.</summary>
    CpShort,

    /// <summary>The vehicle's pilot diode is missing: the PWM low phase does not reach −12 V.</summary>
    DiodeMissing,

    /// <summary>Protective earth missing.</summary>
    GroundFault,

    /// <summary>Line and neutral swapped at the input.</summary>
    LnReversed,

    /// <summary>Phase L2 lost (0 V).</summary>
    PhaseLoss,

    /// <summary>The connector's metering IC stops answering.</summary>
    MeterSilent,

    /// <summary>The grid meter stops answering.</summary>
    GridMeterSilent,

    /// <summary>The card reader stops answering.</summary>
    CardReaderOffline,

    /// <summary>The socket lock does not move.</summary>
    LockJammed,

    /// <summary>The residual current monitor fails its self test.</summary>
    SelfTestFails,
}
