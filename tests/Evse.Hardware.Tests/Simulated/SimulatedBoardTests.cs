using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;
using Evse.Hardware.Simulated;
using Evse.Testing;

namespace Evse.Hardware.Tests.Simulated;

public class SimulatedBoardTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(PilotState.A, 12)]
    [InlineData(PilotState.B, 9)]
    [InlineData(PilotState.C, 6)]
    [InlineData(PilotState.D, 3)]
    [InlineData(PilotState.E, 0)]
    public void PilotSense_EachEvState_ReadsItsVoltage(PilotState state, double volts)
    {
        var board = Board();
        var connector = board.SimulatedConnectors[0];

        connector.Ev.Set(state);

        Assert.Equal(new PilotReading(volts, volts), connector.PilotSense.Read());
        Assert.Equal(state, PilotClassifier.Classify(connector.PilotSense.Read()));
    }

    [Fact]
    public void PilotSense_PwmWithDiode_LowPhaseIsMinusTwelve_WithoutDiode_IsNot()
    {
        var connector = Board().SimulatedConnectors[0];
        connector.Ev.Set(PilotState.B);
        connector.Pilot.Drive(PilotOutput.Pwm(50));
        Assert.Equal(new PilotReading(9, -12), connector.PilotSense.Read());

        connector.Ev.HasDiode = false;
        connector.Ev.Set(PilotState.C);

        Assert.Equal(new PilotReading(6, -6), connector.PilotSense.Read());
    }

    [Fact]
    public void PilotSense_StateChange_RaisesReadingChangedOnce()
    {
        var connector = Board().SimulatedConnectors[0];
        var seen = new List<PilotReading>();
        connector.PilotSense.ReadingChanged += (_, r) => seen.Add(r);

        connector.Ev.Set(PilotState.B);
        connector.Ev.Set(PilotState.B);

        Assert.Equal([new PilotReading(9, 9)], seen);
    }

    [Fact]
    public void Meter_OneHourAt32AmpsOn230Volts_Integrates7360Wh()
    {
        var connector = Charging(Board(), amps: 32);

        _time.Advance(TimeSpan.FromHours(1));

        Assert.True(connector.Meter.TryRead(out var sample));
        Assert.Equal(7360, sample.EnergyWh, 6);
        Assert.Equal(PhaseValues.OnePhase(32), sample.CurrentAmps);
        Assert.Equal(7360, sample.TotalPowerWatts, 6);
    }

    [Fact]
    public void Meter_ThreePhaseEv_IntegratesPerPhase()
    {
        var board = Board(new SimulationOptions { GridPhases = 3 });
        var connector = board.SimulatedConnectors[0];
        connector.Ev.Set(PilotState.C, maxCurrentAmps: 16, phases: 3);
        connector.Pilot.Drive(PilotOutput.Pwm(PilotDuty.DutyPercentFor(16)));
        connector.Contactor.Close();

        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.True(connector.Meter.TryRead(out var sample));
        Assert.Equal(PhaseValues.All(16), sample.CurrentAmps);
        Assert.Equal(3 * 230 * 16 * 0.5, sample.EnergyWh, 6);
    }

    [Fact]
    public void Ev_NewDutyCycle_FollowedAfterResponseDelay_AndEnergyIsExact()
    {
        var connector = Charging(Board(), amps: 32);

        connector.Pilot.Drive(PilotOutput.Pwm(PilotDuty.DutyPercentFor(16)));
        _time.Advance(TimeSpan.FromSeconds(1.999));
        Assert.Equal(32, connector.CurrentAmps.L1);
        _time.Advance(TimeSpan.FromSeconds(0.001));
        Assert.Equal(16, connector.CurrentAmps.L1);
        _time.Advance(TimeSpan.FromSeconds(2));

        // 2 s at 32 A then 2 s at 16 A, on 230 V.
        Assert.Equal(230 * ((32 * 2) + (16 * 2)) / 3600.0, connector.EnergyWh, 9);
    }

    [Fact]
    public void Ev_DrawsNoMoreThanItsMaximum()
    {
        var board = Board();
        var connector = board.SimulatedConnectors[0];
        connector.Ev.Set(PilotState.C, maxCurrentAmps: 10);
        connector.Pilot.Drive(PilotOutput.Pwm(PilotDuty.DutyPercentFor(32)));
        connector.Contactor.Close();

        Assert.Equal(10, connector.CurrentAmps.L1);
    }

    [Fact]
    public void Contactor_Open_StopsCurrentAtOnce()
    {
        var connector = Charging(Board(), amps: 32);

        connector.Contactor.Open();

        Assert.Equal(0, connector.CurrentAmps.L1);
        Assert.False(connector.Contactor.FeedbackClosed);
    }

    [Fact]
    public void Fault_RelayWeldedWhileClosed_FeedbackStaysClosedAfterOpen()
    {
        var board = Board();
        var connector = Charging(board, amps: 32);

        board.SetFault(SimulatedFault.RelayWelded, true);
        connector.Contactor.Open();

        Assert.False(connector.Contactor.IsCommandedClosed);
        Assert.True(connector.Contactor.FeedbackClosed);
        board.SetFault(SimulatedFault.RelayWelded, false);
        Assert.False(connector.Contactor.FeedbackClosed);
    }

    [Fact]
    public void Fault_ResidualCurrent_RaisesTrippedEdge()
    {
        var board = Board();
        var connector = board.SimulatedConnectors[0];
        var trips = 0;
        connector.ResidualCurrent.Tripped += (_, _) => trips++;

        board.SetFault(SimulatedFault.ResidualCurrent, true);
        board.SetFault(SimulatedFault.ResidualCurrent, true);

        Assert.Equal(1, trips);
        Assert.True(connector.ResidualCurrent.IsTripped);
    }

    [Fact]
    public async Task Fault_SelfTestFails_SelfTestReportsFailure()
    {
        var board = Board();
        var rcd = board.SimulatedConnectors[0].ResidualCurrent;
        Assert.True(await rcd.RunSelfTestAsync(CancellationToken.None));

        board.SetFault(SimulatedFault.SelfTestFails, true);

        Assert.False(await rcd.RunSelfTestAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(SimulatedFault.OverVoltage, 290)]
    [InlineData(SimulatedFault.UnderVoltage, 140)]
    public void Fault_SupplyVoltage_ShowsOnTheMeter(SimulatedFault fault, double volts)
    {
        var board = Board();
        board.SetFault(fault, true);

        Assert.True(board.SimulatedConnectors[0].Meter.TryRead(out var sample));
        Assert.Equal(volts, sample.VoltageVolts.L1);
    }

    [Fact]
    public void Fault_PhaseLoss_ZeroesL2OnAThreePhaseGrid()
    {
        var board = Board(new SimulationOptions { GridPhases = 3 });

        board.SetFault(SimulatedFault.PhaseLoss, true);

        Assert.Equal(new PhaseValues(230, 0, 230), board.Grid.VoltageVolts);
    }

    [Fact]
    public void Fault_OverCurrent_EvDrawsMoreThanOffered()
    {
        var board = Board();
        var connector = Charging(board, amps: 16);

        board.SetFault(SimulatedFault.OverCurrent, true);
        _time.Advance(connector.Ev.ResponseDelay);

        Assert.Equal(24, connector.CurrentAmps.L1);
    }

    [Fact]
    public void Fault_SilentMeters_TryReadFails()
    {
        var board = Board();
        board.SetFault(SimulatedFault.MeterSilent, true);
        board.SetFault(SimulatedFault.GridMeterSilent, true);

        Assert.False(board.SimulatedConnectors[0].Meter.TryRead(out _));
        Assert.False(board.GridMeter!.TryRead(out _));
    }

    [Fact]
    public void Fault_OnOneConnector_LeavesTheOtherAlone()
    {
        var board = Board(connectors: 2);

        board.SetFault(SimulatedFault.MeterSilent, true, connectorId: 2);

        Assert.True(board.SimulatedConnectors[0].Meter.TryRead(out _));
        Assert.False(board.SimulatedConnectors[1].Meter.TryRead(out _));
    }

    [Fact]
    public void Fault_CardReaderOffline_CardsAreNotRead()
    {
        var board = Board();
        var read = new List<string>();
        board.CardReader.CardPresented += (_, uid) => read.Add(uid);

        Assert.True(board.PresentCard("04A1B2C3D4"));
        board.SetFault(SimulatedFault.CardReaderOffline, true);

        Assert.False(board.PresentCard("04A1B2C3D5"));
        Assert.False(board.CardReader.IsOnline);
        Assert.Equal(["04A1B2C3D4"], read);
    }

    [Fact]
    public void Fault_CpShort_PilotReadsZero()
    {
        var board = Board();
        board.SimulatedConnectors[0].Ev.Set(PilotState.C);

        board.SetFault(SimulatedFault.CpShort, true);

        Assert.Equal(PilotState.E, PilotClassifier.Classify(board.SimulatedConnectors[0].PilotSense.Read()));
    }

    [Fact]
    public void GridMeter_SeesHouseholdPlusOwnCharging()
    {
        var board = Board();
        board.Grid.Set(householdAmps: PhaseValues.OnePhase(10));
        Charging(board, amps: 16);

        Assert.True(board.GridMeter!.TryRead(out var sample));
        Assert.Equal(26, sample.CurrentAmps.L1);
    }

    [Fact]
    public void Supply_GroundAndPolarityFaults_ShowInTheCheck()
    {
        var board = Board();
        board.SetFault(SimulatedFault.GroundFault, true);
        board.SetFault(SimulatedFault.LnReversed, true);

        Assert.Equal(new SupplyCheck(false, false), board.Supply.Read());
    }

    [Fact]
    public void RestoreEnergy_NeverGoesBackwards()
    {
        var connector = Board().SimulatedConnectors[0];
        connector.RestoreEnergy(1000);
        connector.RestoreEnergy(500);

        Assert.Equal(1000, connector.EnergyWh);
    }

    [Fact]
    public void Ev_InvalidValues_AreRefused()
    {
        var ev = Board().SimulatedConnectors[0].Ev;

        Assert.Throws<ArgumentOutOfRangeException>(() => ev.Set(maxCurrentAmps: 81));
        Assert.Throws<ArgumentOutOfRangeException>(() => ev.Set(phases: 4));
    }

    private SimulatedBoard Board(SimulationOptions? options = null, int connectors = 1) => new(connectors, options ?? new SimulationOptions(), _time);

    private static SimulatedConnector Charging(SimulatedBoard board, double amps)
    {
        var connector = board.SimulatedConnectors[0];
        connector.Ev.Set(PilotState.C);
        connector.Pilot.Drive(PilotOutput.Pwm(PilotDuty.DutyPercentFor(amps)));
        connector.Contactor.Close();
        Assert.Equal(amps, connector.CurrentAmps.L1);
        return connector;
    }
}
