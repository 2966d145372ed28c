namespace Evse.Core.Protection;

/// <summary>
/// Thresholds, hold times, hysteresis and recovery counters of the protections (REQUIREMENTS §3,
/// seed 004 §15, seeds 000/001 "Auto Restart"). Build one with <see cref="ForPhases"/>; every number is
/// an init property so a test or an installer setting can change one without touching the others.
/// </summary>
/// <remarks>
/// Voltages of a 3-phase supply are judged line-to-line, as seed 004 states them (460 V, 340 V …):
/// the meter measures line-to-neutral, so each phase voltage is multiplied by √3. That assumes a
/// balanced star supply, which is the case the phase-loss protection leaves over (a missing phase is
/// reported as <see cref="FaultCode.PhaseLoss"/>, not as under-voltage).
/// </remarks>
public sealed record ProtectionSettings
{
    public static readonly double SquareRootOfThree = Math.Sqrt(3);

    /// <summary>1 or 3: the configured supply ("Power Phase Connected" / the Hydra's device type).</summary>
    public int PhaseCount { get; init; } = 1;

    /// <summary>Over-voltage trip level: 276 V single phase, 460 V line-to-line three phase.</summary>
    public double OverVoltageTripVolts { get; init; } = 276;

    /// <summary>Below this the over-voltage fault recovers: 254 V / 450 V.</summary>
    public double OverVoltageRecoverVolts { get; init; } = 254;

    /// <summary>Under-voltage trip level: 154 V single phase, 340 V line-to-line three phase.</summary>
    public double UnderVoltageTripVolts { get; init; } = 154;

    /// <summary>Above this the under-voltage fault recovers: 164 V / 350 V.</summary>
    public double UnderVoltageRecoverVolts { get; init; } = 164;

    public TimeSpan VoltageHold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A 3-phase phase whose line-to-neutral voltage is below this is missing.</summary>
    public double PhaseLossVolts { get; init; } = 100;

    /// <summary>Every phase must be back above this before the phase-loss fault recovers.</summary>
    public double PhaseLossRecoverVolts { get; init; } = 150;

    public double OverCurrentFactor { get; init; } = 1.1;

    /// <summary>
    /// Whether this monitor judges CP voltage abnormal from the sampled pilot state. The control loop turns it
    /// off: its state machine judges every pilot event against the output driven at that moment, which a
    /// sample taken between an output change and the line's answer cannot.
    /// </summary>
    public bool JudgePilot { get; init; } = true;

    public TimeSpan OverCurrentHold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Seeds 000/001: restart after 30 s of normal current.</summary>
    public TimeSpan OverCurrentRestartAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Automatic restarts per plug-in for over-current, residual current and charging-circuit faults.</summary>
    public int MaxAutoRestarts { get; init; } = 3;

    /// <summary>Seeds 000/001: after a CCID trip, try again after 15 minutes.</summary>
    public TimeSpan ResidualCurrentRetryAfter { get; init; } = TimeSpan.FromMinutes(15);

    public double RelayTripCelsius { get; init; } = 125;

    public double InputTerminalTripCelsius { get; init; } = 115;

    public double SocketTripCelsius { get; init; } = 115;

    /// <summary>
    /// Cool-down hysteresis: an over-temperature fault recovers at trip − 20 °C (relay 105 °C,
    /// terminal and socket 95 °C). Wide, because a contact that reached the limit once will reach it again
    /// quickly; the thermal derating then keeps the current low while it stays warm.
    /// </summary>
    public double CoolDownCelsius { get; init; } = 20;

    /// <summary>REQUIREMENTS §1: feedback still closed more than 1 s after the open command.</summary>
    public TimeSpan WeldDetectHold { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Commanded closed but feedback open for this long: a relay pulls in within ~50 ms, 1 s is generous.</summary>
    public TimeSpan CircuitAbnormalHold { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Seed 004 advises "start charging 3 times in a row": try again 10 s after the fault, up to <see cref="MaxAutoRestarts"/>.</summary>
    public TimeSpan CircuitAbnormalRestartAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>PE, L-N and phase-loss checks must fail this long before they trip (filters mains transients).</summary>
    public TimeSpan SupplyFaultHold { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>…and be healthy this long before they recover.</summary>
    public TimeSpan SupplyRecoverHold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The meter IC must miss answers this long before "Metering Failure" (three 1 Hz samples).</summary>
    public TimeSpan MeterMissingHold { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan MeterRecoverHold { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Above this current on any phase, unplugging counts as "plug out with load".</summary>
    public double PlugOutLoadAmps { get; init; } = 1.0;

    /// <summary>Seed 004 §15: plug out with load recovers automatically after 10 s.</summary>
    public TimeSpan PlugOutRecoverAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Seed 004 §15: the lock must reach its commanded position within 5 s.</summary>
    public TimeSpan LockHold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>REQUIREMENTS §1: a PP resistance outside 60–4500 Ω is an error.</summary>
    public double ProximityMinOhms { get; init; } = 60;

    public double ProximityMaxOhms { get; init; } = 4500;

    public TimeSpan ProximityHold { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>REQUIREMENTS §6: grid-meter data older than this is stale.</summary>
    public TimeSpan GridMeterStaleAfter { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan CardReaderOfflineHold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed 004 §15 "Leakage Fault Of PE Line": a PE current of 30 mA or more trips.</summary>
    public double ProtectiveEarthLeakageTripMilliamps { get; init; } = 30;

    /// <summary>The station warning settings (seed 001 Fig. 14).</summary>
    public WarningSettings Warnings { get; init; } = WarningSettings.Default;

    /// <summary>The seed 004 §15 thresholds for a 1- or 3-phase supply.</summary>
    public static ProtectionSettings ForPhases(int phaseCount) => phaseCount switch
    {
        1 => new ProtectionSettings(),
        3 => new ProtectionSettings
        {
            PhaseCount = 3,
            OverVoltageTripVolts = 460,
            OverVoltageRecoverVolts = 450,
            UnderVoltageTripVolts = 340,
            UnderVoltageRecoverVolts = 350,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(phaseCount), phaseCount, "A supply has 1 or 3 phases."),
    };

    /// <summary>The voltage a phase is judged by: itself on 1 phase, line-to-line (√3 ×) on 3 phases.</summary>
    public double JudgedVolts(double phaseVolts) => PhaseCount == 3 ? phaseVolts * SquareRootOfThree : phaseVolts;
}
