using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Protection;

/// <summary>
/// The raw inputs of <see cref="ProtectionMonitorPropertyTests"/> as they stand: one field changes per step (see
/// <see cref="Change"/>), the rest keep their value, so conditions hold across samples long enough to trip, recover
/// and give up.
/// </summary>
internal sealed class MonitorWorld
{
    public const int FieldCount = 21;

    private static readonly double[] OnePhaseVolts = [230, 230, 280, 260, 150, 160, 170];

    // Line-to-neutral; × √3 gives 467 (trip), 454 (between), 398, 329 (trip), 346 (between), 355 V line-to-line.
    private static readonly double[] ThreePhaseVolts = [230, 230, 270, 262, 190, 200, 205];
    private static readonly double[] Currents = [0, 0.5, 10, 16, 17.5, 17.7, 20, 36];
    private static readonly double[] Offers = [0, 6, 16, 32];
    private static readonly double[] RelayTemps = [30, 110, 130];
    private static readonly double[] TerminalTemps = [30, 100, 120];
    private static readonly double[] SecondPhaseVolts = [230, 0, 120];
    private static readonly double?[] ProximityOhms = [null, 150, 30, 5000];
    private static readonly double?[] PeLeakageMilliamps = [null, 5, 35];
    private static readonly (PilotState Pilot, bool DrivingF)[] Pilots =
        [(PilotState.A, false), (PilotState.B, false), (PilotState.C, false), (PilotState.E, false), (PilotState.F, true), (PilotState.F, false)];

    /// <summary>A world on a healthy supply; <paramref name="charging"/> starts it in C with the contactor closed, 15 A of 16 A.</summary>
    public MonitorWorld(bool threePhase, bool charging)
    {
        ThreePhase = threePhase;
        if (charging)
        {
            (Pilot, Commanded, Feedback, OfferedAmps, Amps) = (PilotState.C, true, true, 16, 15);
        }
    }

    public bool ThreePhase { get; }

    public double Volts { get; private set; } = 230;

    public double L2Volts { get; private set; } = 230;

    public double Amps { get; private set; }

    public double OfferedAmps { get; private set; }

    public bool Commanded { get; private set; }

    public bool Feedback { get; private set; }

    public bool Rcd { get; private set; }

    public double RelayCelsius { get; private set; } = 30;

    public double InputCelsius { get; private set; } = 30;

    public double SocketCelsius { get; private set; } = 30;

    public bool GroundOk { get; private set; } = true;

    public bool PolarityOk { get; private set; } = true;

    public bool MeterSilent { get; private set; }

    public bool GridInstalled { get; private set; }

    public bool GridFresh { get; private set; } = true;

    public DateTimeOffset? GridSampleAt { get; private set; }

    public bool? CardReaderOnline { get; private set; }

    public SocketLockState? LockCommanded { get; private set; }

    public SocketLockState LockFeedback { get; private set; } = SocketLockState.Unknown;

    public double? Proximity { get; private set; }

    public double? PeLeakage { get; private set; }

    public bool VehicleLeakage { get; private set; }

    public PilotState Pilot { get; private set; } = PilotState.A;

    public bool DrivingF { get; private set; }

    public bool SessionJustStarted { get; private set; }

    /// <summary>A one-sample flag, as the loop resets it after every sample: the next change resets it.</summary>
    public bool UnpluggedUnderLoad { get; private set; }

    /// <summary>Sets field <paramref name="field"/> to its option <paramref name="choice"/> (modulo its option count); −1 changes nothing.</summary>
    public void Change(int field, int choice)
    {
        static T Pick<T>(T[] options, int c) => options[c % options.Length];
        UnpluggedUnderLoad = false;
        switch (field)
        {
            case 0: Volts = Pick(ThreePhase ? ThreePhaseVolts : OnePhaseVolts, choice); break;
            case 1: Amps = Pick(Currents, choice); break;
            case 2: OfferedAmps = Pick(Offers, choice); break;
            case 3: (Commanded, Feedback) = Pick([(true, true), (false, false), (true, false), (false, true)], choice); break;
            case 4: Rcd = choice % 2 == 1; break;
            case 5: RelayCelsius = Pick(RelayTemps, choice); break;
            case 6: InputCelsius = Pick(TerminalTemps, choice); break;
            case 7: SocketCelsius = Pick(TerminalTemps, choice); break;
            case 8: GroundOk = choice % 2 == 0; break;
            case 9: PolarityOk = choice % 2 == 0; break;
            case 10: MeterSilent = choice % 3 == 2; break;
            case 11: (GridInstalled, GridFresh) = Pick([(false, true), (true, true), (true, false)], choice); break;
            case 12: CardReaderOnline = Pick<bool?>([null, true, false], choice); break;
            case 13: LockCommanded = Pick<SocketLockState?>([null, SocketLockState.Locked, SocketLockState.Unlocked], choice / 3); LockFeedback = Pick([SocketLockState.Locked, SocketLockState.Unlocked, SocketLockState.Unknown], choice); break;
            case 14: Proximity = Pick(ProximityOhms, choice); break;
            case 15: PeLeakage = Pick(PeLeakageMilliamps, choice); break;
            case 16: VehicleLeakage = choice % 2 == 1; break;
            case 17: (Pilot, DrivingF) = Pick(Pilots, choice); break;
            case 18: SessionJustStarted = choice % 2 == 1; break;
            case 19: UnpluggedUnderLoad = choice % 2 == 1; break;
            case 20: L2Volts = Pick(SecondPhaseVolts, choice); break;
        }
    }

    /// <summary>The snapshot the loop would take at <paramref name="now"/>; a fresh grid meter has just answered.</summary>
    public ProtectionSnapshot Sample(DateTimeOffset now)
    {
        if (GridInstalled && GridFresh)
        {
            GridSampleAt = now;
        }

        var volts = ThreePhase ? new PhaseValues(Volts, L2Volts, Volts) : PhaseValues.OnePhase(Volts);
        var amps = ThreePhase ? PhaseValues.All(Amps) : PhaseValues.OnePhase(Amps);
        var snapshot = new ProtectionSnapshot
        {
            Meter = MeterSilent ? null : ProtectionHarness.Sample(volts, amps),
            OfferedAmps = OfferedAmps,
            Temperatures = new TemperatureReadings(RelayCelsius, InputCelsius, SocketCelsius),
            Supply = new SupplyCheck(GroundOk, PolarityOk),
            ContactorCommandedClosed = Commanded,
            ContactorFeedbackClosed = Feedback,
            ResidualCurrentTripped = Rcd,
            Pilot = Pilot,
            DrivingStateF = DrivingF,
            SessionJustStarted = SessionJustStarted,
            UnpluggedUnderLoad = UnpluggedUnderLoad,
            LockCommanded = LockCommanded,
            LockFeedback = LockFeedback,
            ProximityOhms = Proximity,
            CardReaderOnline = CardReaderOnline,
            GridMeterInstalled = GridInstalled,
            GridMeterSampleAt = GridInstalled ? GridSampleAt : null,
            ProtectiveEarthLeakageMilliamps = PeLeakage,
            VehicleLeakageDetected = VehicleLeakage,
        };
        return snapshot;
    }
}
