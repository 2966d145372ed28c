using System.Text.Json;
using Evse.Ocpp.Messages;

namespace Evse.Ocpp.Tests.Messages;

public class MessageWireFormatTests
{
    [Fact]
    public void Serialize_StatusNotificationWithOffsetTime_WritesUtcWithZAndSchemaSpelling()
    {
        var request = new StatusNotificationRequest
        {
            ConnectorId = 1,
            ErrorCode = ChargePointErrorCode.GroundFailure,
            Status = ChargePointStatus.SuspendedEVSE,
            Timestamp = new DateTimeOffset(2026, 3, 29, 3, 30, 0, TimeSpan.FromHours(2)),
        };

        var json = JsonSerializer.Serialize(request, OcppJsonContext.Default.StatusNotificationRequest);

        Assert.Equal("{\"connectorId\":1,\"errorCode\":\"GroundFailure\",\"status\":\"SuspendedEVSE\",\"timestamp\":\"2026-03-29T01:30:00Z\"}", json);
    }

    [Fact]
    public void Serialize_SampledValueWithDottedEnums_UsesExactSchemaStrings()
    {
        var value = new SampledValue
        {
            Value = "230.1",
            Context = ReadingContext.InterruptionBegin,
            Measurand = Measurand.EnergyActiveImportRegister,
            Phase = Phase.L1N,
            Unit = UnitOfMeasure.Celsius,
            Location = Location.Outlet,
        };

        var json = JsonSerializer.Serialize(new MeterValuesRequest
        {
            ConnectorId = 2,
            MeterValue = [new MeterValue { Timestamp = new DateTimeOffset(2026, 1, 5, 8, 0, 0, 250, TimeSpan.Zero), SampledValue = [value] }],
        }, OcppJsonContext.Default.MeterValuesRequest);

        Assert.Contains("\"context\":\"Interruption.Begin\"", json, StringComparison.Ordinal);
        Assert.Contains("\"measurand\":\"Energy.Active.Import.Register\"", json, StringComparison.Ordinal);
        Assert.Contains("\"phase\":\"L1-N\"", json, StringComparison.Ordinal);
        Assert.Contains("\"unit\":\"Celsius\"", json, StringComparison.Ordinal);
        Assert.Contains("\"timestamp\":\"2026-01-05T08:00:00.250Z\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("format", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_ChargingLimitWithOneDecimal_KeepsItExactly()
    {
        var period = new ChargingSchedulePeriod { StartPeriod = 0, Limit = 16.1m };

        var json = JsonSerializer.Serialize(new ChargingSchedule { ChargingRateUnit = ChargingRateUnit.A, ChargingSchedulePeriod = [period] }, OcppJsonContext.Default.Options);

        Assert.Contains("\"limit\":16.1", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<ChargingSchedule>(json, OcppJsonContext.Default.Options);
        Assert.Equal(16.1m, back!.ChargingSchedulePeriod[0].Limit);
    }

    [Theory]
    [InlineData("2026-01-05T08:00:00+01:00", "2026-01-05T07:00:00Z")]
    [InlineData("2026-01-05T08:00:00.5Z", "2026-01-05T08:00:00.500Z")]
    [InlineData("2026-01-05t08:00:00z", "2026-01-05T08:00:00Z")]
    public void Deserialize_AnyOffset_NormalisesToUtc(string wire, string expected)
    {
        var json = "{\"currentTime\":\"" + wire + "\"}";

        var confirmation = JsonSerializer.Deserialize(json, OcppJsonContext.Default.HeartbeatConfirmation);

        Assert.Equal(TimeSpan.Zero, confirmation!.CurrentTime.Offset);
        Assert.Equal(expected, OcppDateTimeConverter.Format(confirmation.CurrentTime));
    }

    [Theory]
    [InlineData("2026-01-05T08:00:00")]
    [InlineData("2026-02-30T08:00:00Z")]
    [InlineData("05/01/2026 08:00")]
    public void Deserialize_TimeWithoutOffsetOrInvalid_Throws(string wire)
    {
        var json = "{\"currentTime\":\"" + wire + "\"}";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, OcppJsonContext.Default.HeartbeatConfirmation));
    }

    [Theory]
    [InlineData("{\"connectorId\":1.0,\"transactionId\":5.0,\"meterValue\":[]}", 1, 5)]
    [InlineData("{\"connectorId\":3,\"transactionId\":-7,\"meterValue\":[]}", 3, -7)]
    public void Deserialize_WholeNumbers_ReadAsIntegersIncludingNullable(string json, int connectorId, int transactionId)
    {
        var request = JsonSerializer.Deserialize(json, OcppJsonContext.Default.MeterValuesRequest)!;

        Assert.Equal(connectorId, request.ConnectorId);
        Assert.Equal(transactionId, request.TransactionId);
    }

    [Theory]
    [InlineData("{\"connectorId\":1.5,\"meterValue\":[]}")]
    [InlineData("{\"connectorId\":2147483648,\"meterValue\":[]}")]
    [InlineData("{\"connectorId\":\"1\",\"meterValue\":[]}")]
    public void Deserialize_NotA32BitWholeNumber_Throws(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, OcppJsonContext.Default.MeterValuesRequest));
    }

    [Fact]
    public void Deserialize_MissingRequiredProperty_Throws()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{}", OcppJsonContext.Default.AuthorizeRequest));
    }
}
