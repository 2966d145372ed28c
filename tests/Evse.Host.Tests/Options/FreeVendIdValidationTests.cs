using Evse.Core.Charging;
using Evse.Host.Options;

namespace Evse.Host.Tests.Options;

/// <summary>Free vend needs a Plug and Charge ID of at least 8 characters (seed 001); a shorter one is refused at start-up.</summary>
public sealed class FreeVendIdValidationTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("FREEVEN")]
    public void Validate_PlugAndChargeIdShorterThanEight_FailsWithAClearError(string id)
    {
        var result = new EvseOptionsValidator().Validate(null, new StationOptions { PlugAndChargeId = id });

        Assert.True(result.Failed);
        Assert.Contains("Station:PlugAndChargeId must be empty (authorization required) or at least 8 characters.", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("FREEVEND", true)]
    public void Validate_EmptyOrEightCharacters_SucceedsAndFreeVendFollowsTheLength(string id, bool freeVend)
    {
        Assert.True(new EvseOptionsValidator().Validate(null, new StationOptions { PlugAndChargeId = id }).Succeeded);
        Assert.Equal(freeVend, (ConnectorSettings.Default with { PlugAndChargeId = id }).FreeVend);
        Assert.False((ConnectorSettings.Default with { PlugAndChargeId = "FREEVEN" }).FreeVend);
    }
}
