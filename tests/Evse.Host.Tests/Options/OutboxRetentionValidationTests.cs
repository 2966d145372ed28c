using Evse.Host.Options;

namespace Evse.Host.Tests.Options;

/// <summary>Ocpp:OutboxRetentionDays is 1 to 3650: under a day a replay after a restart could go out twice.</summary>
public sealed class OutboxRetentionValidationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-7)]
    [InlineData(3651)]
    public void Validate_RetentionOutsideOneDayToTenYears_FailsNamingTheKey(int days)
    {
        var result = new EvseOptionsValidator().Validate(null, new OcppOptions { OutboxRetentionDays = days });

        Assert.True(result.Failed);
        Assert.Contains($"Ocpp:OutboxRetentionDays is {days}; 1 to 3650 days.", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3650)]
    public void Validate_RetentionWithinRange_Succeeds(int days) =>
        Assert.True(new EvseOptionsValidator().Validate(null, new OcppOptions { OutboxRetentionDays = days }).Succeeded);

    [Fact]
    public void OutboxRetentionDays_NotConfigured_SevenDays() => Assert.Equal(7, new OcppOptions().OutboxRetentionDays);
}
