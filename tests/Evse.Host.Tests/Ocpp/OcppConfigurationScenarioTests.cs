namespace Evse.Host.Tests.Ocpp;

/// <summary>GetConfiguration / ChangeConfiguration sent by a scripted Central System to the whole daemon.</summary>
public sealed class OcppConfigurationScenarioTests
{
    [Fact]
    public async Task GetConfiguration_KnownAndUnknownKeys_AnswersValuesAndUnknownKey()
    {
        await using var daemon = await OcppSessionScenarioTests.BootedAsync();

        var answer = await daemon.CentralSystem.CallAsync("GetConfiguration", """{"key":["HeartbeatInterval","NumberOfConnectors","NoSuchKey"]}""");

        Assert.Equal(
            """{"configurationKey":[{"key":"HeartbeatInterval","readonly":false,"value":"300"},{"key":"NumberOfConnectors","readonly":true,"value":"1"}],"unknownKey":["NoSuchKey"]}""",
            answer.PayloadJson);
    }

    [Theory]
    [InlineData("NumberOfConnectors", "2", "Rejected")]
    [InlineData("NoSuchKey", "1", "NotSupported")]
    [InlineData("HeartbeatInterval", "-5", "Rejected")]
    [InlineData("HeartbeatInterval", "120", "Accepted")]
    public async Task ChangeConfiguration_ReadOnlyUnknownInvalidValid_AnswersPerSpecAndKeepsTheStoredValue(string key, string value, string status)
    {
        await using var daemon = await OcppSessionScenarioTests.BootedAsync();
        var before = (await daemon.CentralSystem.CallAsync("GetConfiguration", $$"""{"key":["{{key}}"]}""")).PayloadJson;

        var answer = await daemon.CentralSystem.CallAsync("ChangeConfiguration", $$"""{"key":"{{key}}","value":"{{value}}"}""");

        Assert.Equal($$"""{"status":"{{status}}"}""", answer.PayloadJson);
        var after = (await daemon.CentralSystem.CallAsync("GetConfiguration", $$"""{"key":["{{key}}"]}""")).PayloadJson;
        if (status == "Accepted")
        {
            Assert.Equal($$"""{"configurationKey":[{"key":"{{key}}","readonly":false,"value":"{{value}}"}]}""", after);
        }
        else
        {
            Assert.Equal(before, after);
        }
    }

    [Fact]
    public async Task ChangeConfiguration_HeartbeatInterval_NextHeartbeatsComeAtTheNewInterval()
    {
        await using var daemon = await OcppSessionScenarioTests.BootedAsync(("HeartbeatInterval", "30"));

        // The wait already running when the key changes keeps its old length (300 s from the boot); the ones after use 30 s.
        await daemon.AdvanceUntilAsync(f => f.Count(x => x.Action == "Heartbeat") == 1, "a heartbeat", TimeSpan.FromSeconds(10));
        var first = daemon.Time.GetUtcNow();
        await daemon.AdvanceUntilAsync(f => f.Count(x => x.Action == "Heartbeat") == 2, "a second heartbeat", TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(30), daemon.Time.GetUtcNow() - first);
        Assert.Equal(["{}", "{}"], daemon.CentralSystem.Payloads("Heartbeat"));
    }
}
