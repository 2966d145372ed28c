using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Protection;

public class SupplyAndPeripheralProtectionTests
{
    private static readonly ProtectionSnapshot Idle = ProtectionHarness.Charging(amps: 0) with
    {
        ContactorCommandedClosed = false,
        ContactorFeedbackClosed = false,
        Pilot = PilotState.B,
    };

    [Theory]
    [InlineData(false, true, FaultCode.GroundFault)]
    [InlineData(true, false, FaultCode.LnReversed)]
    public void Evaluate_SupplyCheckFailsFor1s_RaisesAndRecoversAfter5sHealthy(bool groundOk, bool polarityOk, FaultCode expected)
    {
        var h = new ProtectionHarness();
        var bad = Idle with { Supply = new SupplyCheck(groundOk, polarityOk) };
        h.Hold(bad, TimeSpan.FromMilliseconds(900));
        Assert.False(h.Active(expected));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(bad);
        Assert.True(h.Active(expected));

        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Hold(Idle, TimeSpan.FromSeconds(4.9));
        Assert.True(h.Active(expected));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(Idle);
        Assert.False(h.Active(expected));
    }

    [Theory]
    [InlineData(PilotState.E)]
    [InlineData(PilotState.F)]
    public void Evaluate_PilotInAbnormalBandNotDrivenByUs_RaisesUntilReplug(PilotState pilot)
    {
        var h = new ProtectionHarness();
        h.Feed(Idle with { Pilot = pilot });
        Assert.True(h.Active(FaultCode.CpVoltageAbnormal));
        h.Hold(Idle, TimeSpan.FromMinutes(1));
        Assert.True(h.Active(FaultCode.CpVoltageAbnormal));
        h.Feed(Idle with { Pilot = PilotState.A });
        Assert.False(h.Active(FaultCode.CpVoltageAbnormal));
    }

    [Fact]
    public void Evaluate_StateFWhileWeDriveIt_IsNotAbnormal()
    {
        var h = new ProtectionHarness();
        h.Feed(Idle with { Pilot = PilotState.F, DrivingStateF = true });
        Assert.False(h.Active(FaultCode.CpVoltageAbnormal));
    }

    [Fact]
    public void Evaluate_MeterSilentFor3s_RaisesMeteringFailureAndRecoversAfter10s()
    {
        var h = new ProtectionHarness();
        var silent = Idle with { Meter = null };
        h.Hold(silent, TimeSpan.FromSeconds(2.9));
        Assert.False(h.Active(FaultCode.MeteringFailure));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(silent);
        Assert.True(h.Active(FaultCode.MeteringFailure));
        Assert.True(h.State.StopsCharging);

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.Hold(Idle, TimeSpan.FromSeconds(10));
        Assert.False(h.Active(FaultCode.MeteringFailure));
    }

    [Fact]
    public void Evaluate_GridMeterStale_RaisesDegradedModeNotAStop()
    {
        var h = new ProtectionHarness();
        var at = h.Clock.GetUtcNow();
        h.Clock.Advance(TimeSpan.FromSeconds(11));
        h.Feed(Idle with { GridMeterInstalled = true, GridMeterSampleAt = at });
        Assert.True(h.Active(FaultCode.MeteringCommunicationFailure));
        Assert.False(h.State.StopsCharging);

        h.Feed(Idle with { GridMeterInstalled = true, GridMeterSampleAt = h.Clock.GetUtcNow() });
        Assert.False(h.Active(FaultCode.MeteringCommunicationFailure));
    }

    [Fact]
    public void Evaluate_NoGridMeterInstalled_NeverRaisesCommunicationFailure()
    {
        var h = new ProtectionHarness();
        h.Hold(Idle, TimeSpan.FromMinutes(1));
        Assert.False(h.Active(FaultCode.MeteringCommunicationFailure));
    }

    [Fact]
    public void Evaluate_CardReaderOffline5s_Raises()
    {
        var h = new ProtectionHarness();
        h.Hold(Idle with { CardReaderOnline = false }, TimeSpan.FromSeconds(5));
        Assert.True(h.Active(FaultCode.CardReaderOffline));
        h.Feed(Idle with { CardReaderOnline = true });
        Assert.False(h.Active(FaultCode.CardReaderOffline));
    }

    [Fact]
    public void Evaluate_LockFeedbackDoesNotFollowWithin5s_RaisesLockFailure()
    {
        var h = new ProtectionHarness();
        var stuck = Idle with { LockCommanded = SocketLockState.Locked, LockFeedback = SocketLockState.Unlocked };
        h.Hold(stuck, TimeSpan.FromSeconds(4.9));
        Assert.False(h.Active(FaultCode.LockFailure));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(stuck);
        Assert.True(h.Active(FaultCode.LockFailure));

        h.Feed(stuck with { LockFeedback = SocketLockState.Locked });
        Assert.False(h.Active(FaultCode.LockFailure));
    }

    [Fact]
    public void Evaluate_ProximityOutOfRange_RaisesAfter1sAndClearsWhenBackInRange()
    {
        var h = new ProtectionHarness();
        var broken = Idle with { ProximityOhms = 30 };
        h.Hold(broken, TimeSpan.FromSeconds(0.9));
        Assert.False(h.Active(FaultCode.ProximityPilotError));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(broken);
        Assert.True(h.Active(FaultCode.ProximityPilotError));

        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(broken with { ProximityOhms = 220 });
        Assert.False(h.Active(FaultCode.ProximityPilotError));
    }

    [Theory]
    [InlineData(50.0, true)]
    [InlineData(5000.0, true)]
    [InlineData(220.0, false)]
    [InlineData(1500.0, false)]
    public void Evaluate_ProximityResistance_OutsideRangeRaises(double ohms, bool raises)
    {
        var h = new ProtectionHarness();
        h.Hold(Idle with { ProximityOhms = ohms }, TimeSpan.FromSeconds(1));
        Assert.Equal(raises, h.Active(FaultCode.ProximityPilotError));
    }

    [Fact]
    public void Evaluate_UnpluggedWhileCurrentFlowed_RaisesAndRecoversAfter10s()
    {
        var h = new ProtectionHarness();
        h.Feed(ProtectionHarness.Charging());
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(Idle with { Pilot = PilotState.A, UnpluggedUnderLoad = true });
        Assert.True(h.Active(FaultCode.PlugOutWithLoad));
        var unplugged = Idle with { Pilot = PilotState.A };
        h.Hold(unplugged, TimeSpan.FromSeconds(9.9));
        Assert.True(h.Active(FaultCode.PlugOutWithLoad));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(unplugged);
        Assert.False(h.Active(FaultCode.PlugOutWithLoad));
    }

    [Fact]
    public void Evaluate_UnpluggedAfterTheEvStoppedInStateB_RaisesNothing()
    {
        var h = new ProtectionHarness();
        h.Feed(ProtectionHarness.Charging());
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));

        h.Feed(Idle with { Pilot = PilotState.A });

        Assert.DoesNotContain(h.Raised, n => n.Code == FaultCode.PlugOutWithLoad);
    }

    [Fact]
    public void Evaluate_UnpluggedWithoutLoad_RaisesNothing()
    {
        var h = new ProtectionHarness();
        h.Feed(Idle);
        h.Feed(Idle with { Pilot = PilotState.A });
        Assert.Empty(h.Raised);
    }

    [Fact]
    public void Evaluate_HealthyChargingForAnHour_RaisesNothing()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging(), TimeSpan.FromHours(1), TimeSpan.FromSeconds(1));
        Assert.Empty(h.Raised);
        Assert.Empty(h.WarningsRaised);
        Assert.Null(h.Last!.NextDeadline);
    }

    [Fact]
    public void Evaluate_PendingTrip_ReportsTheHoldDeadline()
    {
        var h = new ProtectionHarness();
        var start = h.Clock.GetUtcNow();
        h.Feed(ProtectionHarness.Charging(volts: 280));
        Assert.Equal(start + TimeSpan.FromSeconds(5), h.Last!.NextDeadline);
    }

    [Fact]
    public void Evaluate_EveryRaisedFault_AgreesWithCatalogHardness()
    {
        var h = new ProtectionHarness(ProtectionSettings.ForPhases(3));
        var everything = ProtectionHarness.ThreePhase(300, amps: 40) with
        {
            ContactorCommandedClosed = true,
            ContactorFeedbackClosed = false,
            Supply = new SupplyCheck(false, false),
            Temperatures = new(200, 200, 200),
            ResidualCurrentTripped = true,
            Pilot = PilotState.E,
            LockCommanded = SocketLockState.Locked,
            LockFeedback = SocketLockState.Unknown,
            ProximityOhms = 10,
            CardReaderOnline = false,
        };
        h.Hold(everything, TimeSpan.FromSeconds(10));
        Assert.True(h.Raised.Count >= 12);
        Assert.All(h.Raised, r => Assert.Equal(FaultCatalog.Describe(r.Code).Hard, r.Latched));
    }
}
