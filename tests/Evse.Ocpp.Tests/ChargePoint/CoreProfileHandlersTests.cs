using Evse.Core.Charging;
using Evse.Core.Station;
using Evse.Ocpp.ChargePoint;
using Evse.Testing;

namespace Evse.Ocpp.Tests.ChargePoint;

public sealed class CoreProfileHandlersTests
{
    [Fact]
    public async Task RemoteStart_NoConnectorGivenAndNoAuthorizeRequired_StartsOnFirstAvailable()
    {
        await using var h = new ChargePointHarness(connectors: 2);
        await h.BootAcceptedAsync();
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 3, true));
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("ChangeConfiguration", """{"key":"AuthorizeRemoteTxRequests","value":"false"}"""));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("RemoteStartTransaction", """{"idTag":"REMOTE1"}"""));
        var (connectorId, posted) = Assert.Single(h.Station.Posted);
        Assert.Equal(2, connectorId);
        Assert.Equal(new StartRequested("REMOTE1"), posted);
    }

    [Fact]
    public async Task RemoteStop_KnownTransactionId_StopsThatConnectorWithReasonRemote()
    {
        await using var h = new ChargePointHarness(connectors: 2);
        await h.BootAcceptedAsync();
        h.Service.Publish(new SessionStarted(2, ChargePointHarness.Start, 42, "CARD1", 0));
        await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Accepted"},"transactionId":77}""");
        Assert.True(await RealClockWait.UntilAsync(() => h.Service.TryGetCentralTransactionId(42, out _)), "the StartTransaction answer was never applied");

        h.Station.Set(new ChargePointConnector(2, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 42, true));

        Assert.Equal("""{"status":"Rejected"}""", await h.CallAsync("RemoteStopTransaction", """{"transactionId":78}"""));
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("RemoteStopTransaction", """{"transactionId":77}"""));
        Assert.Equal((2, (ConnectorEvent)new StopRequested(StopReason.Remote)), Assert.Single(h.Station.Posted));
    }

    [Fact]
    public async Task GetConfiguration_KnownReadOnlyAndUnknownKeys_ReportsEachAsSpelled()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync(heartbeatSeconds: 300);

        Assert.Equal(
            """{"configurationKey":[{"key":"HeartbeatInterval","readonly":false,"value":"300"},{"key":"GetConfigurationMaxKeys","readonly":true,"value":"60"}],"unknownKey":["NoSuchKey"]}""",
            await h.CallAsync("GetConfiguration", """{"key":["HeartbeatInterval","GetConfigurationMaxKeys","NoSuchKey"]}"""));
    }

    [Fact]
    public async Task GetConfiguration_MoreKeysThanMax_AnswersOccurenceConstraintViolation()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        var keys = string.Join(",", Enumerable.Range(0, 61).Select(i => $"\"K{i}\""));

        var frame = await h.CallAsync("GetConfiguration", $$"""{"key":[{{keys}}]}""");
        Assert.StartsWith("""[4,"cs1","OccurenceConstraintViolation",""", frame, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GetConfigurationMaxKeys", "10", "Rejected")]
    [InlineData("NoSuchKey", "1", "NotSupported")]
    [InlineData("HeartbeatInterval", "abc", "Rejected")]
    [InlineData("MeterValueSampleInterval", "30", "Accepted")]
    public async Task ChangeConfiguration_Key_AnswersStatus(string key, string value, string expected)
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();

        Assert.Equal($$"""{"status":"{{expected}}"}""", await h.CallAsync("ChangeConfiguration", $$"""{"key":"{{key}}","value":"{{value}}"}"""));
    }

    [Fact]
    public async Task ChangeAvailability_InoperativeDuringSession_Scheduled()
    {
        await using var h = new ChargePointHarness(connectors: 2);
        await h.BootAcceptedAsync();
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 5, true));

        Assert.Equal("""{"status":"Scheduled"}""", await h.CallAsync("ChangeAvailability", """{"connectorId":1,"type":"Inoperative"}"""));
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("ChangeAvailability", """{"connectorId":2,"type":"Inoperative"}"""));
        Assert.Equal([(1, (ConnectorEvent)new AvailabilityChanged(false)), (2, new AvailabilityChanged(false))], h.Station.Posted);
    }

    [Fact]
    public async Task Reset_SessionEndsBeforeTheFirstCheck_RestartsOnlyAfterTheStopTransactionIsAnswered()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Service.Publish(new SessionStarted(1, ChargePointHarness.Start, 5, "CARD1", 100));
        await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Accepted"},"transactionId":42}""");
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 5, true));

        // A fast control loop: the session is over before Post returns; its SessionEnded is still on the way.
        h.Station.OnPost = (id, _) => h.Station.Set(new ChargePointConnector(id, ChargePointStatus.Finishing, ChargePointErrorCode.NoError, null, true));
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("Reset", """{"type":"Soft"}"""));
        Assert.True(await RealClockWait.UntilAsync(() => h.Station.Posted.Count > 0), "the Reset posted no stop");

        h.Time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 10_000 && h.Station.RestartRequests == 0; i++)
        {
            await Task.Yield();
        }

        Assert.Equal(0, h.Station.RestartRequests);

        h.Service.Publish(new SessionEnded(1, ChargePointHarness.Start.AddSeconds(1), 5, "CARD1", 200, StopReason.SoftReset));
        var (id, action, _) = await h.NextCallAsync();
        Assert.Equal("StopTransaction", action);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, h.Station.RestartRequests);

        await h.Transport.DeliverAsync($$"""[3,"{{id}}",{}]""");

        // The answer is processed on the thread pool; a loaded machine can take many yields for it (CI saw the
        // grace run out while fake time raced ahead 250 ms per yield). So wait on the real clock for the outbox to
        // empty, then let each 250 ms poll of the handler run before the next one.
        Assert.True(SpinWait.SpinUntil(() => h.Service.Outbox.PendingCount == 0, TimeSpan.FromSeconds(10)), "the answered stop stayed in the outbox");
        await RealClockWait.StepUntilAsync(
            () => h.Station.RestartRequests > 0, () => h.Time.Advance(TimeSpan.FromMilliseconds(250)), TimeSpan.FromMilliseconds(200));

        Assert.Equal(1, h.Station.RestartRequests);
        Assert.True(h.Time.GetUtcNow() < ChargePointHarness.Start + CoreProfileHandlers.ResetStopGrace, "restarted by the stop's answer, not by the grace");
    }

    [Fact]
    public async Task Reset_Soft_StopsSessionsWithSoftResetThenRequestsRestart()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 5, true));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("Reset", """{"type":"Soft"}"""));
        Assert.True(await RealClockWait.UntilAsync(() => h.Station.Posted.Count > 0), "the Reset posted no stop");

        Assert.Equal((1, (ConnectorEvent)new StopRequested(StopReason.SoftReset)), Assert.Single(h.Station.Posted));
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Finishing, ChargePointErrorCode.NoError, null, true));
        // Real-time bound; each 250 ms fake step gets up to 50 ms of real time for the handler's poll on the thread pool.
        await RealClockWait.StepUntilAsync(
            () => h.Station.RestartRequests > 0, () => h.Time.Advance(TimeSpan.FromMilliseconds(250)), TimeSpan.FromMilliseconds(50));

        Assert.Equal(1, h.Station.RestartRequests);
    }

    [Fact]
    public async Task UnlockConnector_Tethered_NotSupported()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        Assert.Equal("""{"status":"NotSupported"}""", await h.CallAsync("UnlockConnector", """{"connectorId":1}"""));
    }

    [Fact]
    public async Task DataTransfer_AnyVendor_UnknownVendorId()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        Assert.Equal("""{"status":"UnknownVendorId"}""", await h.CallAsync("DataTransfer", """{"vendorId":"com.example"}"""));
    }

    [Fact]
    public async Task TriggerMessage_StatusNotification_AnswersFirstThenSends()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"StatusNotification","connectorId":1}"""));
        Assert.Equal(
            """{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"2026-03-01T08:00:00Z"}""",
            await h.ExpectAsync("StatusNotification", "{}"));
    }

    [Fact]
    public async Task Authorizer_OfflineUnknownTag_FollowsAllowOfflineTxForUnknownId()
    {
        await using var h = new ChargePointHarness();
        Assert.True((await h.Authorizer.AuthorizeAsync(1, "NEW", CancellationToken.None)).Accepted);

        h.Configuration.ChangeConfiguration("AllowOfflineTxForUnknownId", "false");
        var outcome = await h.Authorizer.AuthorizeAsync(1, "NEW", CancellationToken.None);
        Assert.False(outcome.Accepted);
        Assert.Equal(OcppAuthorizer.OfflineSource, outcome.Source);
    }

    [Fact]
    public async Task Authorizer_StartTransactionAnswerBlocked_CachedAndRefusedOffline()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Service.Publish(new SessionStarted(1, ChargePointHarness.Start, 42, "CARD9", 0));
        await h.ExpectAsync("StartTransaction", """{"idTagInfo":{"status":"Blocked"},"transactionId":5}""");
        Assert.True(await RealClockWait.UntilAsync(() => h.Cache.TryGet("CARD9", out _)), "the Blocked answer was never cached");

        await h.Transport.SetOnlineAsync(false);
        var outcome = await h.Authorizer.AuthorizeAsync(1, "CARD9", CancellationToken.None);
        Assert.Equal(Evse.Core.Ports.AuthorizationStatus.Blocked, outcome.Status);
        Assert.Equal("Cache", outcome.Source);
    }
}
