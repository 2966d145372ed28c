using Evse.Core.Charging;
using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Charging;

public class ConnectorStateMachineTests
{
    private static readonly ConnectorSettings FreeVend = ConnectorSettings.Default with { PlugAndChargeId = "FREEVEND01" };

    [Fact]
    public void Decide_FreeVendPlugIn_StartsSessionAndOffersPower()
    {
        var m = new MachineDriver(FreeVend);

        var commands = m.Pilot(9);

        var begin = Assert.Single(commands.OfType<BeginSession>());
        Assert.Equal("FREEVEND01", begin.IdTag);
        Assert.Equal(PilotOutput.Pwm(PilotDuty.DutyPercentFor(32)), m.State.PilotOutput);
        Assert.Equal(ChargePointStatus.SuspendedEV, m.State.Status);
        Assert.False(m.State.ContactorClosed);
    }

    [Fact]
    public void Decide_PowerOfferedBeforeRecordIsStored_Never()
    {
        var state = ConnectorStateMachine.Initial(1, FreeVend, 32);

        var decision = ConnectorStateMachine.Decide(state, new PilotSensed(new PilotReading(9, 9)), DateTimeOffset.UnixEpoch);

        Assert.Contains(decision.Commands, c => c is BeginSession);
        Assert.Equal(PilotOutputMode.SteadyPositive, decision.State.PilotOutput.Mode);
    }

    [Fact]
    public void Decide_EvReadyAfterSelfTest_ClosesContactorAndCharges()
    {
        var m = new MachineDriver(FreeVend);
        m.Pilot(9);

        var commands = m.Pilot(6);

        Assert.Equal([typeof(RunSelfTest), typeof(CloseContactor)], commands.Select(c => c.GetType()));
        Assert.True(m.State.ContactorClosed);
        Assert.Equal(ChargePointStatus.Charging, m.State.Status);
    }

    [Fact]
    public void Decide_SelfTestFails_ContactorStaysOpenAndConnectorFaulted()
    {
        var m = new MachineDriver(FreeVend) { SelfTestPasses = false };
        m.Pilot(9);

        var commands = m.Pilot(6);

        Assert.DoesNotContain(commands, c => c is CloseContactor);
        Assert.Contains(FaultCode.SelfTestFailed, m.State.ActiveFaults);
        Assert.Equal(ChargePointStatus.Faulted, m.State.Status);
        Assert.Null(m.State.Session);
    }

    [Fact]
    public void Decide_CToB_OpensContactorFirst()
    {
        var m = Charging();

        var commands = m.Pilot(9);

        Assert.IsType<OpenContactor>(commands[0]);
        Assert.False(m.State.ContactorClosed);
        Assert.Equal(ChargePointStatus.SuspendedEV, m.State.Status);
        Assert.NotNull(m.State.Session);
    }

    [Fact]
    public void Decide_UnplugWhileCharging_OpensThenEndsSessionEvDisconnected()
    {
        var m = Charging();
        m.Send(new MeterSampled(new MeterSample(PhaseValues.OnePhase(230), PhaseValues.OnePhase(32), PhaseValues.OnePhase(7360), 1500, 50)));

        var commands = m.Pilot(12);

        Assert.IsType<OpenContactor>(commands[0]);
        var end = Assert.Single(commands.OfType<EndSession>());
        Assert.Equal(StopReason.EVDisconnected, end.Reason);
        Assert.Equal(1500, end.MeterStopWh);
        Assert.Equal(ChargePointStatus.Available, m.State.Status);
        Assert.Equal(PilotOutput.NoPowerOffered, m.State.PilotOutput);
    }

    [Fact]
    public void Decide_CardThenPlug_AuthorizesThenStarts()
    {
        var m = new MachineDriver();

        var asked = m.Send(new IdTagPresented("04A1B2C3D4"));
        Assert.Equal(new RequestAuthorization("04A1B2C3D4"), Assert.Single(asked));
        Assert.Equal(ChargePointStatus.Preparing, m.State.Status);

        var accepted = m.Send(new AuthorizationCompleted("04A1B2C3D4", true));
        Assert.Contains(new Beep(BuzzerPattern.Accepted), accepted);
        Assert.DoesNotContain(accepted, c => c is BeginSession);

        var plugged = m.Pilot(9);
        Assert.Equal("04A1B2C3D4", Assert.Single(plugged.OfType<BeginSession>()).IdTag);
    }

    [Fact]
    public void Decide_PlugWithoutAuthorization_WaitsInPreparingWithoutPower()
    {
        var m = new MachineDriver();

        m.Pilot(9);
        m.Pilot(6);

        Assert.Equal(ChargePointStatus.Preparing, m.State.Status);
        Assert.Equal(PilotOutput.NoPowerOffered, m.State.PilotOutput);
        Assert.DoesNotContain(m.Commands, c => c is CloseContactor or BeginSession);
    }

    [Fact]
    public void Decide_RejectedCard_BeepsTwiceAndStartsNothing()
    {
        var m = new MachineDriver();
        m.Pilot(9);
        m.Send(new IdTagPresented("DEADBEEF"));

        var commands = m.Send(new AuthorizationCompleted("DEADBEEF", false));

        Assert.Equal([new Beep(BuzzerPattern.Rejected)], commands);
        Assert.Null(m.State.Session);
    }

    [Fact]
    public void Decide_SameCardAgain_StopsSessionLocalAndFinishes()
    {
        var m = new MachineDriver();
        m.Pilot(9);
        m.Send(new IdTagPresented("04A1B2C3D4"));
        m.Send(new AuthorizationCompleted("04A1B2C3D4", true));
        m.Pilot(6);
        Assert.True(m.State.ContactorClosed);

        var commands = m.Send(new IdTagPresented("04a1b2c3d4"));

        Assert.IsType<OpenContactor>(commands.First(c => c is OpenContactor or EndSession));
        Assert.Equal(StopReason.Local, Assert.Single(commands.OfType<EndSession>()).Reason);
        Assert.Equal(ChargePointStatus.Finishing, m.State.Status);
        m.Pilot(12);
        Assert.Equal(ChargePointStatus.Available, m.State.Status);
    }

    [Fact]
    public void Decide_OtherCardDuringSession_IsRejected()
    {
        var m = Charging();

        var commands = m.Send(new IdTagPresented("CAFEBABE"));

        Assert.Equal([new Beep(BuzzerPattern.Rejected)], commands);
        Assert.True(m.State.ContactorClosed);
    }

    [Fact]
    public void Decide_AuthorizedButNoPlug_ExpiresAfterConnectionTimeOut()
    {
        var m = new MachineDriver();
        m.Send(new IdTagPresented("04A1B2C3D4"));
        m.Send(new AuthorizationCompleted("04A1B2C3D4", true));
        var timeout = ConnectorSettings.Default.ConnectionTimeOut;
        Assert.Equal(TimeSpan.FromSeconds(900), timeout);
        Assert.Equal(m.Now + timeout, m.State.NextDeadline);

        m.Advance(timeout - TimeSpan.FromSeconds(1));
        Assert.Equal(ChargePointStatus.Preparing, m.State.Status);
        m.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(ChargePointStatus.Available, m.State.Status);
        m.Pilot(9);
        Assert.DoesNotContain(m.Commands, c => c is BeginSession);
    }

    [Fact]
    public void Decide_LimitBelowSixAmps_PausesWithoutDutyCycleAndResumes()
    {
        var m = Charging();

        var paused = m.Send(new LimitChanged(5.5));

        Assert.IsType<OpenContactor>(paused[0]);
        Assert.Equal(PilotOutput.NoPowerOffered, m.State.PilotOutput);
        Assert.Equal(ChargePointStatus.SuspendedEVSE, m.State.Status);

        m.Send(new LimitChanged(16));
        Assert.Equal(PilotOutput.Pwm(PilotDuty.DutyPercentFor(16)), m.State.PilotOutput);
        Assert.True(m.State.ContactorClosed);
    }

    [Fact]
    public void Decide_StoppingFault_OpensContactorHoldsStateFThenSteadyPositive()
    {
        var m = Charging();

        var commands = m.Send(new FaultRaised(FaultCode.OverCurrent));

        Assert.IsType<OpenContactor>(commands[0]);
        Assert.Equal(PilotOutput.StateF, m.State.PilotOutput);
        Assert.Equal(ChargePointStatus.Faulted, m.State.Status);
        Assert.Equal(ChargePointErrorCode.OverCurrentFailure, m.State.ErrorCode);

        m.Advance(TimeSpan.FromMilliseconds(299));
        Assert.Equal(PilotOutput.StateF, m.State.PilotOutput);
        m.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(PilotOutput.NoPowerOffered, m.State.PilotOutput);
    }

    [Fact]
    public void Decide_RecoverableFaultCleared_ChargingResumesAfterNewSelfTest()
    {
        var m = Charging();
        m.Send(new FaultRaised(FaultCode.OverVoltage));
        m.Advance(TimeSpan.FromSeconds(1));

        var commands = m.Send(new FaultCleared(FaultCode.OverVoltage));

        Assert.Equal([typeof(SetPilot), typeof(RunSelfTest), typeof(CloseContactor)], commands.Select(c => c.GetType()));
        Assert.Equal(ChargePointStatus.Charging, m.State.Status);
    }

    [Fact]
    public void Decide_HardFault_EndsSession()
    {
        var m = Charging();

        var commands = m.Send(new FaultRaised(FaultCode.RelayWelded));

        Assert.IsType<OpenContactor>(commands[0]);
        Assert.Equal(StopReason.Other, Assert.Single(commands.OfType<EndSession>()).Reason);
    }

    [Fact]
    public void Decide_DegradedModeFault_KeepsCharging()
    {
        var m = Charging();

        var commands = m.Send(new FaultRaised(FaultCode.CardReaderOffline));

        Assert.Empty(commands);
        Assert.True(m.State.ContactorClosed);
        Assert.Equal(ChargePointStatus.Charging, m.State.Status);
        Assert.Equal(ChargePointErrorCode.ReaderFailure, m.State.ErrorCode);
    }

    [Fact]
    public void Decide_PilotShortedWhileCharging_IsCpFaultUntilReplug()
    {
        var m = Charging();

        var commands = m.Pilot(0);

        Assert.IsType<OpenContactor>(commands[0]);
        Assert.Contains(FaultCode.CpVoltageAbnormal, m.State.ActiveFaults);
        m.Advance(TimeSpan.FromSeconds(1));
        m.Pilot(12);
        Assert.DoesNotContain(FaultCode.CpVoltageAbnormal, m.State.ActiveFaults);
    }

    [Fact]
    public void Decide_MissingDiode_IsFaultAndNeverCloses()
    {
        var m = new MachineDriver(FreeVend);
        m.Pilot(9);

        m.Pilot(6, -6);

        Assert.Contains(FaultCode.DiodeFailure, m.State.ActiveFaults);
        Assert.False(m.State.ContactorClosed);
    }

    [Fact]
    public void Decide_Shutdown_OpensContactorAndEndsSessionWithReason()
    {
        var m = Charging();

        var commands = m.Send(new ShutdownRequested(StopReason.Reboot));

        Assert.IsType<OpenContactor>(commands[0]);
        Assert.Equal(StopReason.Reboot, Assert.Single(commands.OfType<EndSession>()).Reason);
        Assert.Equal(PilotOutput.NoPowerOffered, m.State.PilotOutput);
    }

    [Fact]
    public void Decide_Unavailable_RefusesNewSessions()
    {
        var m = new MachineDriver(FreeVend);
        m.Send(new AvailabilityChanged(false));

        m.Pilot(9);

        Assert.Equal(ChargePointStatus.Unavailable, m.State.Status);
        Assert.DoesNotContain(m.Commands, c => c is BeginSession);
    }

    [Fact]
    public void Decide_RemoteStartThenPlug_StartsWithRemoteIdTag()
    {
        var m = new MachineDriver();
        m.Send(new StartRequested("REMOTE-TAG"));

        var commands = m.Pilot(9);

        Assert.Equal("REMOTE-TAG", Assert.Single(commands.OfType<BeginSession>()).IdTag);
    }

    [Fact]
    public void Decide_RemoteStop_EndsSessionRemote()
    {
        var m = Charging();

        var commands = m.Send(new StopRequested(StopReason.Remote));

        Assert.Equal(StopReason.Remote, Assert.Single(commands.OfType<EndSession>()).Reason);
        Assert.Equal(ChargePointStatus.Finishing, m.State.Status);
    }

    [Fact]
    public void Decide_MeterGoesBackwards_SessionEnergyNeverDecreases()
    {
        var m = Charging();
        m.Send(new MeterSampled(new MeterSample(default, default, default, 100, 50)));
        m.Send(new MeterSampled(new MeterSample(default, default, default, 90, 50)));

        Assert.Equal(100, m.State.MeterWh);
    }

    [Fact]
    public void Decide_Reserved_ShowsReservedAndAdmitsOnlyItsIdTagUntilExpiry()
    {
        var m = new MachineDriver();
        m.Send(new ReservationChanged(new Evse.Core.Authorization.Reservation(1, 1, "RESERVED1", null, m.Now.AddMinutes(10))));
        Assert.Equal(ChargePointStatus.Reserved, m.State.Status);

        Assert.Equal([new Beep(BuzzerPattern.Rejected)], m.Send(new IdTagPresented("OTHERTAG")));
        m.Send(new IdTagPresented("reserved1"));
        m.Send(new AuthorizationCompleted("reserved1", true));
        var started = m.Pilot(9);

        Assert.Equal("reserved1", Assert.Single(started.OfType<BeginSession>()).IdTag);
        Assert.Null(m.State.Reservation);
    }

    [Fact]
    public void Decide_ReservationExpires_ConnectorIsAvailableAgain()
    {
        var m = new MachineDriver(FreeVend);
        m.Send(new ReservationChanged(new Evse.Core.Authorization.Reservation(1, 1, "RESERVED1", null, m.Now.AddMinutes(10))));
        m.Pilot(9);
        Assert.DoesNotContain(m.Commands, c => c is BeginSession);

        m.Advance(TimeSpan.FromMinutes(10));
        m.Pilot(12);

        Assert.Equal(ChargePointStatus.Available, m.State.Status);
        m.Pilot(9);
        Assert.Single(m.Commands.OfType<BeginSession>());
    }

    [Fact]
    public void Decide_StationLocked_NoNewSessionButTheRunningOneFinishes()
    {
        var m = Charging();
        m.Send(new StationLockChanged(true));
        Assert.True(m.State.ContactorClosed);
        m.Pilot(12);

        m.Pilot(9);

        Assert.Single(m.Commands.OfType<BeginSession>());
        Assert.Equal(ChargePointStatus.Preparing, m.State.Status);
        Assert.Equal([new Beep(BuzzerPattern.Rejected)], m.Send(new IdTagPresented("04A1B2C3D4")));
    }

    private static MachineDriver Charging()
    {
        var m = new MachineDriver(FreeVend);
        m.Pilot(9);
        m.Pilot(6);
        Assert.Equal(ChargePointStatus.Charging, m.State.Status);
        return m;
    }
}
