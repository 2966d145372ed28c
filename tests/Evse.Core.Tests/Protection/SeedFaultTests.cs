using Evse.Core.Pilot;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Protection;

/// <summary>The seed 004 §15 faults added late: Leakage Fault Of PE Line, Power Failure Fault, Vehicle Leakage Alarm.</summary>
public class SeedFaultTests
{
    [Theory]
    [InlineData(FaultCode.ProtectiveEarthLeakage, "Leakage Fault Of PE Line", true)]
    [InlineData(FaultCode.PowerFailure, "Power Failure Fault", false)]
    [InlineData(FaultCode.VehicleLeakage, "Vehicle Leakage Alarm", true)]
    public void Describe_SeedFault_HasTheSeedWordingAndBehaviour(FaultCode code, string description, bool stopsCharging)
    {
        var descriptor = FaultCatalog.Describe(code);
        Assert.Equal(description, descriptor.Description);
        Assert.Equal(stopsCharging, descriptor.StopsCharging);
        Assert.Equal(stopsCharging, descriptor.MakesConnectorFaulted);
        Assert.False(descriptor.Hard);
    }

    [Fact]
    public void Evaluate_PeLeakageOf30MilliampsForOneSecond_TripsAndRecoversAfterFiveSecondsNormal()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging() with { ProtectiveEarthLeakageMilliamps = 30 }, TimeSpan.FromMilliseconds(900));
        Assert.False(h.Active(FaultCode.ProtectiveEarthLeakage));

        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(ProtectionHarness.Charging() with { ProtectiveEarthLeakageMilliamps = 30 });
        Assert.True(h.Active(FaultCode.ProtectiveEarthLeakage));

        h.Hold(ProtectionHarness.Charging() with { ContactorCommandedClosed = false, ContactorFeedbackClosed = false, ProtectiveEarthLeakageMilliamps = 2 }, TimeSpan.FromSeconds(4.9));
        Assert.True(h.Active(FaultCode.ProtectiveEarthLeakage));
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(ProtectionHarness.Charging() with { ContactorCommandedClosed = false, ContactorFeedbackClosed = false, ProtectiveEarthLeakageMilliamps = 2 });
        Assert.False(h.Active(FaultCode.ProtectiveEarthLeakage));
    }

    [Fact]
    public void Evaluate_PeLeakageBelow30Milliamps_DoesNotTrip()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging() with { ProtectiveEarthLeakageMilliamps = 29.9 }, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(h.Raised, n => n.Code == FaultCode.ProtectiveEarthLeakage);
    }

    [Fact]
    public void Evaluate_VehicleLeakage_TripsAtOnceAndRecoversOnlyByUnplugging()
    {
        var h = new ProtectionHarness();
        h.Feed(ProtectionHarness.Charging() with { VehicleLeakageDetected = true });
        Assert.True(h.Active(FaultCode.VehicleLeakage));

        var idle = ProtectionHarness.Charging() with { ContactorCommandedClosed = false, ContactorFeedbackClosed = false, Meter = ProtectionHarness.Sample(Measurements.PhaseValues.OnePhase(230), default) };
        h.Hold(idle with { Pilot = PilotState.B }, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));
        Assert.True(h.Active(FaultCode.VehicleLeakage));

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.Feed(idle with { Pilot = PilotState.A });
        Assert.False(h.Active(FaultCode.VehicleLeakage));
    }
}
