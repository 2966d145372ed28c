using Evse.Host.Options;

namespace Evse.Host.Tests.Options;

/// <summary>Audit item 12: identity values BootNotification cannot carry stop the daemon at start-up, naming the key.</summary>
public sealed class StationIdentityValidationTests
{
    [Theory]
    [InlineData("Vendor", 21)]
    [InlineData("Model", 21)]
    [InlineData("SerialNumber", 26)]
    public void Validate_IdentityLongerThanBootNotificationAllows_FailsNamingTheKey(string key, int length)
    {
        var options = new StationOptions();
        var value = new string('X', length);
        _ = key switch
        {
            "Vendor" => options.Vendor = value,
            "Model" => options.Model = value,
            _ => options.SerialNumber = value,
        };

        var result = new EvseOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Station:" + key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, 20, 25)]
    [InlineData(1, 1, 0)]
    public void Validate_IdentityAtTheLimits_Succeeds(int vendor, int model, int serial)
    {
        var options = new StationOptions { Vendor = new string('V', vendor), Model = new string('M', model), SerialNumber = new string('S', serial) };

        Assert.True(new EvseOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_EmptyVendor_Fails()
    {
        var result = new EvseOptionsValidator().Validate(null, new StationOptions { Vendor = string.Empty });

        Assert.Contains("Station:Vendor", result.FailureMessage, StringComparison.Ordinal);
    }
}
