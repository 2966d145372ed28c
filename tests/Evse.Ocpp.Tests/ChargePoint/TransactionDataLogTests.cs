using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Tests.Configuration;

namespace Evse.Ocpp.Tests.ChargePoint;

public sealed class TransactionDataLogTests
{
    private static MeterValue Value(int minute) => new()
    {
        Timestamp = ChargePointHarness.Start.AddMinutes(minute),
        SampledValue = [new SampledValue { Value = minute.ToString(System.Globalization.CultureInfo.InvariantCulture), Context = ReadingContext.SamplePeriodic }],
    };

    [Fact]
    public void Append_ThenNewLogOnSameStore_ValuesSurviveTheRestart()
    {
        var store = new InMemorySettingsStore();
        var log = new TransactionDataLog(store);
        log.Append(42, Value(1));
        log.Append(42, Value(2));
        log.Append(7, Value(3));

        var reopened = new TransactionDataLog(store);

        Assert.Equal([Value(1).Timestamp, Value(2).Timestamp], reopened.Get(42).Select(v => v.Timestamp));
        Assert.Equal("3", Assert.Single(reopened.Get(7)).SampledValue[0].Value);
    }

    [Fact]
    public void Append_BeyondTheBound_ThinsButKeepsFirstAndLatest()
    {
        var log = new TransactionDataLog(new InMemorySettingsStore());
        for (var minute = 0; minute < 500; minute++)
        {
            log.Append(1, Value(minute));
        }

        var kept = log.Get(1);
        Assert.InRange(kept.Count, TransactionDataLog.MaxMeterValues / 2, TransactionDataLog.MaxMeterValues);
        Assert.Equal(Value(0).Timestamp, kept[0].Timestamp);
        Assert.Equal(Value(499).Timestamp, kept[^1].Timestamp);
        Assert.True(kept.Zip(kept.Skip(1)).All(p => p.First.Timestamp < p.Second.Timestamp));
    }

    [Fact]
    public void Remove_ForgetsRecordInStore()
    {
        var store = new InMemorySettingsStore();
        var log = new TransactionDataLog(store);
        log.Append(42, Value(1));

        log.Remove(42);

        Assert.Empty(new TransactionDataLog(store).Get(42));
        Assert.Empty(store.LoadAll());
    }

    [Fact]
    public void Bound_FullLogOfDefaultThreePhaseValues_StopTransactionStaysUnder44KB()
    {
        var measurands = MeterValueBuilder.Parse("Current.Import,Energy.Active.Import.Register,Temperature,Voltage".Split(','));
        var sample = new Evse.Core.Measurements.MeterSample(
            new(230.123, 231.456, 229.789), new(31.987, 31.654, 31.321), new(7360.5, 7360.5, 7360.5), 123456.789, 50);
        var metered = new Evse.Core.Station.ConnectorMetered(1, ChargePointHarness.Start, 1, sample, new(55.125, 48.5, 61.25), 32);
        var log = new TransactionDataLog(new InMemorySettingsStore());
        for (var i = 0; i < TransactionDataLog.MaxMeterValues; i++)
        {
            log.Append(1, MeterValueBuilder.Build(metered, measurands, ReadingContext.SamplePeriodic, ChargePointHarness.Start.AddSeconds(i))!);
        }

        var stop = new StopTransactionRequest
        {
            TransactionId = int.MaxValue,
            MeterStop = int.MaxValue,
            Timestamp = ChargePointHarness.Start,
            IdTag = new string('X', 20),
            Reason = StopTransactionReason.EVDisconnected,
            TransactionData = [.. log.Get(1), MeterValueBuilder.Build(metered, measurands, ReadingContext.TransactionEnd, ChargePointHarness.Start)!],
        };
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(stop, OcppJsonContext.Default.StopTransactionRequest).Length;

        Assert.Equal(TransactionDataLog.MaxMeterValues, log.Get(1).Count);
        Assert.True(bytes < 44 * 1024, $"StopTransaction.req with a full log is {bytes} bytes");
    }
}
