using Evse.Testing;
using Evse.Core.Measurements;
using Evse.Core.Station;

namespace Evse.Ocpp.Tests.ChargePoint;

public sealed class MeterValuesTests
{
    private static readonly DateTimeOffset T0 = ChargePointHarness.Start;

    private static readonly MeterSample ThreePhase =
        new(new PhaseValues(230, 231, 229), new PhaseValues(16, 16, 15.5), new PhaseValues(3680, 3696, 3549.5), 500, 50);

    private static ConnectorMetered Reading(int seconds, double energyWh, long? recordId = 42, MeterSample? sample = null, TemperatureReadings temperatures = default, double offeredAmps = 16) =>
        new(1, T0.AddSeconds(seconds), recordId, (sample ?? ThreePhase) with { EnergyWh = energyWh }, temperatures, offeredAmps);

    private static async Task<ChargePointHarness> StartedAsync(params (string Key, string Value)[] settings)
    {
        var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        foreach (var (key, value) in settings)
        {
            Assert.Equal(Evse.Ocpp.Configuration.ChangeConfigurationStatus.Accepted, h.Configuration.ChangeConfiguration(key, value));
        }

        h.Service.Publish(new SessionStarted(1, T0, 42, "CARD1", 0));
        await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Accepted"},"transactionId":9}""");
        return h;
    }

    [Fact]
    public async Task SampledData_SelectedMeasurands_SentInListOrderWithUnitsLocationAndPhase()
    {
        await using var h = await StartedAsync(
            ("MeterValueSampleInterval", "60"),
            ("MeterValuesSampledData", "Temperature,Current.Offered,Power.Offered,Energy.Active.Import.Register"));

        h.Service.Publish(Reading(60, 1234.5678, temperatures: new TemperatureReadings(41.25, double.NaN, 38)));

        Assert.Equal(
            """{"connectorId":1,"transactionId":9,"meterValue":[{"timestamp":"2026-03-01T08:01:00Z","sampledValue":[""" +
            """{"value":"41.25","context":"Sample.Periodic","measurand":"Temperature","location":"Body","unit":"Celsius"},""" +
            """{"value":"16","context":"Sample.Periodic","measurand":"Current.Offered","location":"Outlet","unit":"A"},""" +
            """{"value":"11040","context":"Sample.Periodic","measurand":"Power.Offered","location":"Outlet","unit":"W"},""" +
            """{"value":"1235","context":"Sample.Periodic","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"}]}]}""",
            await h.ExpectAsync("MeterValues", "{}"));
    }

    [Fact]
    public async Task SampledData_SinglePhaseMeter_SendsL1Only()
    {
        await using var h = await StartedAsync(("MeterValueSampleInterval", "60"), ("MeterValuesSampledData", "Current.Import,Voltage"));
        var onePhase = new MeterSample(PhaseValues.OnePhase(232), PhaseValues.OnePhase(10), PhaseValues.OnePhase(2320), 0, 50);

        h.Service.Publish(Reading(60, 10, sample: onePhase));

        Assert.Equal(
            """{"connectorId":1,"transactionId":9,"meterValue":[{"timestamp":"2026-03-01T08:01:00Z","sampledValue":[""" +
            """{"value":"10","context":"Sample.Periodic","measurand":"Current.Import","phase":"L1","location":"Outlet","unit":"A"},""" +
            """{"value":"232","context":"Sample.Periodic","measurand":"Voltage","phase":"L1-N","location":"Outlet","unit":"V"}]}]}""",
            await h.ExpectAsync("MeterValues", "{}"));
    }

    [Fact]
    public async Task SampledData_LateReading_NextSampleStaysOnTheStartGrid()
    {
        await using var h = await StartedAsync(("MeterValueSampleInterval", "60"));
        h.Service.Publish(Reading(61, 100));
        Assert.Contains("\"timestamp\":\"2026-03-01T08:01:01Z\"", await h.ExpectAsync("MeterValues", "{}"), StringComparison.Ordinal);

        // 08:02:00 is the next multiple of 60 s from the start, although only 59 s passed since the late reading.
        h.Service.Publish(Reading(120, 200));
        Assert.Contains("\"timestamp\":\"2026-03-01T08:02:00Z\"", await h.ExpectAsync("MeterValues", "{}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClockAligned_DuringTransaction_SendsSampleClockAtAlignedTimeWithTransactionId()
    {
        await using var h = await StartedAsync(("ClockAlignedDataInterval", "900"));

        h.Service.Publish(Reading(899, 700));
        h.Service.Publish(Reading(901, 710));

        Assert.Equal(
            """{"connectorId":1,"transactionId":9,"meterValue":[{"timestamp":"2026-03-01T08:15:00Z","sampledValue":[""" +
            """{"value":"710","context":"Sample.Clock","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"}]}]}""",
            await h.ExpectAsync("MeterValues", "{}"));
    }

    [Fact]
    public async Task ClockAligned_NoTransactionOnline_SentDirectlyWithoutTransactionId()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("ClockAlignedDataInterval", "3600");
        h.Configuration.ChangeConfiguration("MeterValuesAlignedData", "Energy.Active.Import.Register,Voltage");

        h.Service.Publish(Reading(3599, 5000, recordId: null));
        h.Service.Publish(Reading(3600, 5000, recordId: null));

        Assert.Equal(
            """{"connectorId":1,"meterValue":[{"timestamp":"2026-03-01T09:00:00Z","sampledValue":[""" +
            """{"value":"5000","context":"Sample.Clock","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"},""" +
            """{"value":"230","context":"Sample.Clock","measurand":"Voltage","phase":"L1-N","location":"Outlet","unit":"V"},""" +
            """{"value":"231","context":"Sample.Clock","measurand":"Voltage","phase":"L2-N","location":"Outlet","unit":"V"},""" +
            """{"value":"229","context":"Sample.Clock","measurand":"Voltage","phase":"L3-N","location":"Outlet","unit":"V"}]}]}""",
            await h.ExpectAsync("MeterValues", "{}"));
        Assert.Equal(0, h.Service.Outbox.PendingCount);
    }

    [Fact]
    public async Task ClockAligned_NoTransactionOffline_Dropped()
    {
        await using var h = new ChargePointHarness();
        h.Configuration.ChangeConfiguration("ClockAlignedDataInterval", "3600");

        // Queued before the link comes up, so handled before the connection (same event queue): offline.
        h.Service.Publish(Reading(3599, 5000, recordId: null));
        h.Service.Publish(Reading(3600, 5000, recordId: null));
        await h.BootAcceptedAsync();

        // Had the aligned value been kept for later, it would come before this status.
        h.Service.Publish(new ConnectorStatusChanged(1, T0, Core.Charging.ChargePointStatus.Faulted, Core.Charging.ChargePointErrorCode.OtherError, null));
        Assert.Equal("StatusNotification", (await h.NextCallAsync()).Action);
    }

    [Fact]
    public async Task Intervals_Zero_NoMeterValuesBeforeStopTransaction()
    {
        await using var h = await StartedAsync(("MeterValueSampleInterval", "0"), ("ClockAlignedDataInterval", "0"));
        for (var s = 0; s <= 3600; s += 300)
        {
            h.Service.Publish(Reading(s, s));
        }

        h.Service.Publish(new SessionEnded(1, T0.AddHours(1), 42, "CARD1", 3600, Core.Charging.StopReason.Local));

        // The outbox is FIFO: a queued MeterValues would come before the stop.
        var (_, action, payload) = await h.NextCallAsync();
        Assert.Equal("StopTransaction", action);
        Assert.DoesNotContain("Sample.", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopTransaction_TransactionData_HoldsStopTxnSampledAlignedAndEndValues()
    {
        await using var h = await StartedAsync(
            ("MeterValueSampleInterval", "900"),
            ("ClockAlignedDataInterval", "300"),
            ("StopTxnSampledData", "Energy.Active.Import.Register"),
            ("StopTxnAlignedData", "Energy.Active.Import.Register"));

        h.Service.Publish(Reading(30, 100));
        h.Service.Publish(Reading(299, 400));
        h.Service.Publish(Reading(300, 410));
        Assert.Contains("""[{"timestamp":"2026-03-01T08:05:00Z","sampledValue":[{"value":"410","context":"Sample.Clock""", await h.ExpectAsync("MeterValues", "{}"), StringComparison.Ordinal);
        h.Service.Publish(Reading(600, 700));
        Assert.Contains("\"timestamp\":\"2026-03-01T08:10:00Z\"", await h.ExpectAsync("MeterValues", "{}"), StringComparison.Ordinal);
        h.Service.Publish(Reading(899, 1000));
        h.Service.Publish(Reading(900, 1010));
        var both = await h.ExpectAsync("MeterValues", "{}");
        Assert.Contains("""[{"timestamp":"2026-03-01T08:15:00Z","sampledValue":[{"value":"1010","context":"Sample.Clock""", both, StringComparison.Ordinal);
        Assert.Contains("""{"timestamp":"2026-03-01T08:15:00Z","sampledValue":[{"value":"1010","context":"Sample.Periodic""", both, StringComparison.Ordinal);

        h.Service.Publish(new SessionEnded(1, T0.AddMinutes(20), 42, "CARD1", 1500.4, Core.Charging.StopReason.EVDisconnected));
        var stop = await h.ExpectAsync("StopTransaction", "{}");

        const string Energy = "\"measurand\":\"Energy.Active.Import.Register\",\"location\":\"Outlet\",\"unit\":\"Wh\"}]}";
        Assert.Equal(
            """{"idTag":"CARD1","meterStop":1500,"timestamp":"2026-03-01T08:20:00Z","transactionId":9,"reason":"EVDisconnected","transactionData":[""" +
            """{"timestamp":"2026-03-01T08:05:00Z","sampledValue":[{"value":"410","context":"Sample.Clock",""" + Energy + "," +
            """{"timestamp":"2026-03-01T08:10:00Z","sampledValue":[{"value":"700","context":"Sample.Clock",""" + Energy + "," +
            """{"timestamp":"2026-03-01T08:15:00Z","sampledValue":[{"value":"1010","context":"Sample.Clock",""" + Energy + "," +
            """{"timestamp":"2026-03-01T08:15:00Z","sampledValue":[{"value":"1010","context":"Sample.Periodic",""" + Energy + "," +
            """{"timestamp":"2026-03-01T08:20:00Z","sampledValue":[{"value":"1500","context":"Transaction.End",""" + Energy + "]}",
            stop);
        // The log is dropped right after the stop is queued, on the publishing thread, while the outbox may already
        // have sent it from another: wait for the drop on the real clock, then assert it.
        bool NoLogLeft() => !h.Settings.LoadAll().Keys.Any(k => k.StartsWith(Ocpp.ChargePoint.TransactionDataLog.StoragePrefix, StringComparison.Ordinal));
        Assert.True(await RealClockWait.UntilAsync(NoLogLeft), "the transaction data log is still stored after the stop");
    }

    [Fact]
    public async Task StopTransaction_PowerLossStopBeforeLastQueuedMeterValues_TimestampNotBeforeIt()
    {
        // A stop rebuilt after a power cut carries the time of the record's last progress write, which lags the last
        // MeterValues by up to 5 s; a strict Central System refuses a transaction whose stop comes before its values.
        await using var h = await StartedAsync(("MeterValueSampleInterval", "60"), ("MeterValuesSampledData", "Energy.Active.Import.Register"));
        h.Service.Publish(Reading(60, 500.6));
        Assert.Contains("\"value\":\"501\"", await h.ExpectAsync("MeterValues", "{}"), StringComparison.Ordinal);

        h.Service.Publish(new SessionEnded(1, T0.AddSeconds(56), 42, "CARD1", 498, Core.Charging.StopReason.PowerLoss));
        var stop = await h.ExpectAsync("StopTransaction", "{}");

        Assert.Contains("\"meterStop\":501,\"timestamp\":\"2026-03-01T08:01:00Z\"", stop, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopTransaction_StopTxnListsEmpty_NoTransactionData()
    {
        await using var h = await StartedAsync(("StopTxnSampledData", ""), ("StopTxnAlignedData", ""));
        h.Service.Publish(new SessionEnded(1, T0.AddMinutes(5), 42, "CARD1", 10, Core.Charging.StopReason.Local));

        Assert.DoesNotContain("transactionData", await h.ExpectAsync("StopTransaction", "{}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeConfiguration_UnknownMeasurand_Rejected()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();

        Assert.Equal(
            """{"status":"Rejected"}""",
            await h.CallAsync("ChangeConfiguration", """{"key":"StopTxnSampledData","value":"Energy.Active.Import.Register,SoC"}"""));
        Assert.Equal(
            """{"status":"Accepted"}""",
            await h.CallAsync("ChangeConfiguration", """{"key":"MeterValuesAlignedData","value":"Current.Offered,Temperature"}"""));
    }

    [Fact]
    public async Task TriggerMessage_MeterValues_UsesSampledDataSelectionWithContextTrigger()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MeterValuesSampledData", "Current.Offered");
        h.Service.Publish(Reading(5, 0, recordId: null, offeredAmps: 10));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"MeterValues","connectorId":1}"""));
        Assert.Equal(
            """{"connectorId":1,"meterValue":[{"timestamp":"2026-03-01T08:00:05Z","sampledValue":[{"value":"10","context":"Trigger","measurand":"Current.Offered","location":"Outlet","unit":"A"}]}]}""",
            await h.ExpectAsync("MeterValues", "{}"));
    }
}
