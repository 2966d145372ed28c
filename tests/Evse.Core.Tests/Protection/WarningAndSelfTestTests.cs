using Evse.Core.Measurements;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Protection;

public class WarningAndSelfTestTests
{
    [Fact]
    public void Evaluate_HottestSensorAbove85CFor5s_WarnsWithoutTripping()
    {
        var h = new ProtectionHarness();
        var warm = ProtectionHarness.Charging() with { Temperatures = new TemperatureReadings(90, 40, 40) };
        h.Hold(warm, TimeSpan.FromSeconds(4.9));
        Assert.Empty(h.WarningsRaised);
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        h.Feed(warm);
        Assert.Equal([ProtectionWarning.TemperatureLow], h.WarningsRaised);
        Assert.Empty(h.Raised);
        Assert.False(h.State.StopsCharging);
    }

    [Fact]
    public void Evaluate_WarningInHysteresisBand_StaysUntilBelowLevelMinus3C()
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging() with { Temperatures = new(90, 40, 40) }, TimeSpan.FromSeconds(5));
        h.Feed(ProtectionHarness.Charging() with { Temperatures = new(83, 40, 40) });
        Assert.Contains(ProtectionWarning.TemperatureLow, h.State.ActiveWarnings);
        h.Feed(ProtectionHarness.Charging() with { Temperatures = new(81, 40, 40) });
        Assert.Equal([ProtectionWarning.TemperatureLow], h.WarningsCleared);
    }

    [Theory]
    [InlineData(272.0, ProtectionWarning.VoltageHigh)]
    [InlineData(200.0, ProtectionWarning.VoltageLow)] // default −35 VAC below 240 V nominal = 205 V
    public void Evaluate_VoltagePastWarningLevel_Warns(double volts, ProtectionWarning expected)
    {
        var h = new ProtectionHarness();
        h.Hold(ProtectionHarness.Charging(volts: volts), TimeSpan.FromSeconds(5));
        Assert.Equal([expected], h.WarningsRaised);
        Assert.Empty(h.Raised);
    }

    [Fact]
    public void WarningSettings_PositiveVoltageLow_IsAbsolute()
    {
        Assert.Equal(190, (WarningSettings.Default with { VoltageLowVolts = 190 }).EffectiveVoltageLowVolts);
        Assert.Equal(205, WarningSettings.Default.EffectiveVoltageLowVolts);
    }

    [Fact]
    public void Decide_TwoFailures_RetriesWithoutRaising()
    {
        var now = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var first = SelfTestPolicy.Decide(ProtectionMonitor.Initial(), passed: false, now);
        Assert.Equal(now + SelfTestPolicy.RetryDelay, first.RetryAt);
        var second = SelfTestPolicy.Decide(first.State, passed: false, now + TimeSpan.FromSeconds(10));
        Assert.Null(second.Raised);
        Assert.False(second.Passed);
        Assert.NotNull(second.RetryAt);
    }

    [Fact]
    public void Decide_ThirdConsecutiveFailure_RaisesHardSelfTestFault()
    {
        var now = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var state = ProtectionMonitor.Initial();
        SelfTestVerdict verdict = null!;
        for (var i = 0; i < 3; i++)
        {
            verdict = ProtectionMonitor.ReportSelfTest(state, passed: false, now);
            state = verdict.State;
        }

        Assert.NotNull(verdict.Raised);
        Assert.Equal(FaultCode.SelfTestFailed, verdict.Raised.Code);
        Assert.True(verdict.Raised.Latched && FaultCatalog.Describe(FaultCode.SelfTestFailed).Hard);
        Assert.True(state.IsLatched(FaultCode.SelfTestFailed));
        Assert.False(SelfTestPolicy.Decide(state, passed: true, now).Passed);
    }

    [Fact]
    public void Decide_PassAfterFailure_ResetsTheCount()
    {
        var now = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var state = SelfTestPolicy.Decide(ProtectionMonitor.Initial(), false, now).State;
        state = SelfTestPolicy.Decide(state, false, now).State;
        var pass = SelfTestPolicy.Decide(state, true, now);
        Assert.True(pass.Passed);
        Assert.Equal(0, pass.State.SelfTestFailures);
    }

    [Fact]
    public void TryAcknowledge_SelfTestFailed_ClearsAndResetsCount()
    {
        var now = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var state = ProtectionMonitor.Initial();
        for (var i = 0; i < 3; i++)
        {
            state = SelfTestPolicy.Decide(state, false, now).State;
        }

        var monitor = new ProtectionMonitor(ProtectionSettings.ForPhases(1));
        Assert.True(monitor.TryAcknowledge(state, FaultCode.SelfTestFailed, ProtectionHarness.Charging(), now, out var next));
        Assert.Equal(0, next.SelfTestFailures);
        Assert.False(next.IsActive(FaultCode.SelfTestFailed));
    }
}
