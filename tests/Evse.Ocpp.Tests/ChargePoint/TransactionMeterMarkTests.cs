using Evse.Ocpp.ChargePoint;

namespace Evse.Ocpp.Tests.ChargePoint;

public sealed class TransactionMeterMarkTests
{
    [Fact]
    public void Format_ThenTryParse_KeepsEnergyAndReadingTime()
    {
        var mark = new TransactionMeterMark(1234.5678, new DateTimeOffset(2026, 1, 5, 8, 0, 7, 250, TimeSpan.Zero));

        Assert.True(TransactionMeterMark.TryParse(mark.Format(), out var parsed));

        Assert.Equal(mark, parsed);
    }

    [Fact]
    public void TryParse_BareEnergyOfSessionFive_HasEnergyAndNoTime()
    {
        Assert.True(TransactionMeterMark.TryParse("987.25", out var parsed));

        Assert.Equal(987.25, parsed.EnergyWh);
        Assert.Null(parsed.At);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12|not a time")]
    public void TryParse_Garbage_IsFalse(string text) => Assert.False(TransactionMeterMark.TryParse(text, out _));

    [Fact]
    public void TryParseKey_KeyOfRecord_GivesRecordIdBack()
    {
        Assert.True(TransactionMeterMark.TryParseKey(TransactionMeterMark.KeyOf(42), out var recordId));

        Assert.Equal(42, recordId);
        Assert.False(TransactionMeterMark.TryParseKey("MeterValueSampleInterval", out _));
    }
}
