using Evse.Host.Options;
using Evse.Host.Tests.Support;

namespace Evse.Host.Tests.Options;

/// <summary>Station:BoostTimers is checked at start-up with the rules of the app (seed 004 §10): the daemon refuses a list the app would refuse.</summary>
public sealed class BoostTimerValidationTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Validate_FiveTimers_FailsWithTheAtMostFourMessage()
    {
        var options = new StationOptions
        {
            BoostTimers = [Daily("0000", "0100"), Daily("0200", "0300"), Daily("0400", "0500"), Daily("0600", "0700"), Daily("0800", "0900")],
        };

        var result = new EvseOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Station:BoostTimers: At most 4 boost timers can be set", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EndBeforeStart_FailsWithTheStartBeforeEndMessage()
    {
        var result = new EvseOptionsValidator().Validate(null, new StationOptions { BoostTimers = [Daily("2200", "0600")] });

        Assert.True(result.Failed);
        Assert.Contains("A boost timer must start before it ends (got 22:00–06:00)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DailyOverlappingAOnceTimer_FailsNamingBothTimers()
    {
        var once = new BoostTimerOptions { Start = "0500", End = "0700", Repeat = "Once", Date = "2026-03-01" };

        var result = new EvseOptionsValidator().Validate(null, new StationOptions { BoostTimers = [Daily("0100", "0600"), once] });

        Assert.True(result.Failed);
        Assert.Contains("overlaps the existing timer 01:00–06:00 every day", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0100", "2400", "Daily", null, "Station:BoostTimers:0 is '0100'–'2400'")]
    [InlineData("1:00", "0600", "Daily", null, "Start and End are HHMM")]
    [InlineData("0100", "0600", "Weekly", null, "Station:BoostTimers:0:Repeat is 'Weekly'")]
    [InlineData("0100", "0600", "Once", null, "Station:BoostTimers:0:Date is ''")]
    [InlineData("0100", "0600", "Once", "01.03.2026", "a Once timer needs its day as yyyy-MM-dd")]
    public void Validate_MalformedEntry_FailsNamingTheKey(string start, string end, string repeat, string? date, string expected)
    {
        var entry = new BoostTimerOptions { Start = start, End = end, Repeat = repeat, Date = date };

        var result = new EvseOptionsValidator().Validate(null, new StationOptions { BoostTimers = [entry] });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FourTimersTouchingButNotOverlapping_Succeeds()
    {
        var options = new StationOptions
        {
            BoostTimers =
            [
                Daily("0000", "0100"),
                Daily("0100", "0200"),
                new BoostTimerOptions { Start = "0200", End = "0300", Repeat = "Once", Date = "2026-03-01" },
                new BoostTimerOptions { Start = "0200", End = "0300", Repeat = "Once", Date = "2026-03-02", Enabled = false },
            ],
        };

        var result = new EvseOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Station:EcoPlusGridAmps", "6", "Station:EcoPlusGridAmps is 6")]
    [InlineData("Station:Warnings:TemperatureLowCelsius", "200", "Station:Warnings")]
    public void Validate_OutOfRangeModeOrWarningSetting_FailsNamingTheKey(string key, string value, string expected)
    {
        var options = new StationOptions();
        if (key.EndsWith("EcoPlusGridAmps", StringComparison.Ordinal))
        {
            options.EcoPlusGridAmps = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            options.Warnings.TemperatureLowCelsius = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var result = new EvseOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Daemon_OverlappingBoostTimersInConfiguration_DoesNotStartAndSaysWhy()
    {
        var settings = new Dictionary<string, string>
        {
            ["Station:BoostTimers:0:Start"] = "0100",
            ["Station:BoostTimers:0:End"] = "0600",
            ["Station:BoostTimers:1:Start"] = "0500",
            ["Station:BoostTimers:1:End"] = "0700",
        };
        using var app = new EvseAppFactory(_data.Path, settings: settings) { ExpectErrors = true };

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Station:BoostTimers: Boost timer 05:00–07:00 every day overlaps the existing timer 01:00–06:00 every day", error.ToString(), StringComparison.Ordinal);
    }

    private static BoostTimerOptions Daily(string start, string end) => new() { Start = start, End = end };
}
