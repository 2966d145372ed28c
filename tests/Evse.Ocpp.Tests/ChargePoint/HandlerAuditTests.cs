using System.Text.Json.Nodes;
using Evse.Core.Charging;
using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;
using Evse.Core.Station;
using Evse.Ocpp.ChargePoint;
using Evse.Testing;

namespace Evse.Ocpp.Tests.ChargePoint;

/// <summary>Audit items 8 (availability persists), 14 (TriggerMessage connector 0 / nothing to send), 9 (UnlockConnector on sockets).</summary>
public sealed class HandlerAuditTests
{
    private static readonly DateTimeOffset T0 = ChargePointHarness.Start;

    private static ConnectorMetered Reading(int connectorId, double energyWh) =>
        new(connectorId, T0.AddSeconds(5), null, new MeterSample(PhaseValues.OnePhase(230), PhaseValues.OnePhase(10), PhaseValues.OnePhase(2300), energyWh, 50), default, 16);

    /// <summary>
    /// Moves the fake clock in 100 ms steps until the charge point answers, giving the handler up to 50 ms of real time
    /// per step; bounded on the real clock. The callers assert the fake time the answer took.
    /// </summary>
    private static async Task<string?> AnswerWhileAdvancingAsync(ChargePointHarness h)
    {
        string? answer = null;
        await RealClockWait.StepUntilAsync(
            () => h.TryReadSent(out answer), () => h.Time.Advance(TimeSpan.FromMilliseconds(100)), TimeSpan.FromMilliseconds(50));
        return answer;
    }

    [Fact]
    public async Task ChangeAvailability_InoperativeThenRestart_ConnectorPostedInoperativeAgain()
    {
        Tests.Configuration.InMemorySettingsStore settings;
        await using (var before = new ChargePointHarness(connectors: 2))
        {
            await before.BootAcceptedAsync();
            Assert.Equal("""{"status":"Accepted"}""", await before.CallAsync("ChangeAvailability", """{"connectorId":2,"type":"Inoperative"}"""));
            settings = before.Settings;
        }

        await using var after = new ChargePointHarness(connectors: 2, settings: settings);
        Assert.Equal((2, (ConnectorEvent)new AvailabilityChanged(false)), Assert.Single(after.Station.Posted));
    }

    [Fact]
    public async Task ChangeAvailability_StationInoperativeThenConnectorOperative_OnlyOtherConnectorRestoredInoperative()
    {
        Tests.Configuration.InMemorySettingsStore settings;
        await using (var before = new ChargePointHarness(connectors: 2))
        {
            await before.BootAcceptedAsync();
            await before.CallAsync("ChangeAvailability", """{"connectorId":0,"type":"Inoperative"}""");
            await before.CallAsync("ChangeAvailability", """{"connectorId":1,"type":"Operative"}""");
            settings = before.Settings;
        }

        await using var after = new ChargePointHarness(connectors: 2, settings: settings);
        Assert.Equal((2, (ConnectorEvent)new AvailabilityChanged(false)), Assert.Single(after.Station.Posted));
    }

    [Fact]
    public async Task TriggerMessage_StatusNotificationConnectorZero_OnlyConnectorZeroSent()
    {
        await using var h = new ChargePointHarness(connectors: 2);
        await h.BootAcceptedAsync();

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"StatusNotification","connectorId":0}"""));
        Assert.Contains("\"connectorId\":0", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);

        // The next CALL is the Heartbeat we trigger now, not a connector's StatusNotification.
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"Heartbeat"}"""));
        var (_, action, _) = await h.NextCallAsync();
        Assert.Equal("Heartbeat", action);
    }

    [Fact]
    public async Task TriggerMessage_MeterValuesBeforeAnyReading_Rejected()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();

        Assert.Equal("""{"status":"Rejected"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"MeterValues","connectorId":1}"""));
        Assert.Equal("""{"status":"Rejected"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"MeterValues"}"""));
    }

    [Fact]
    public async Task TriggerMessage_MeterValuesConnectorZero_OneMessageForConnectorZeroWithStationEnergy()
    {
        await using var h = new ChargePointHarness(connectors: 2);
        await h.BootAcceptedAsync();
        h.Service.Publish(Reading(1, 1000));
        h.Service.Publish(Reading(2, 2500));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"MeterValues","connectorId":0}"""));
        var payload = JsonNode.Parse(await h.ExpectAsync("MeterValues", "{}"))!;
        Assert.Equal(0, (int)payload["connectorId"]!);
        var sampled = payload["meterValue"]![0]!["sampledValue"]![0]!;
        Assert.Equal("3500", (string)sampled["value"]!);
        Assert.Equal("Trigger", (string)sampled["context"]!);
        Assert.False(h.TryReadSent(out var extra), "A second MeterValues: " + extra);
    }

    [Fact]
    public async Task UnlockConnector_SocketLockReleases_PostsUnlockAndAnswersUnlocked()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 42, Tethered: false, SocketLockState.Locked));

        await h.Transport.DeliverAsync("""[2,"u1","UnlockConnector",{"connectorId":1}]""");
        Assert.True(await RealClockWait.UntilAsync(() => h.Station.Posted.Count > 0), "the unlock was never posted");

        Assert.Equal((1, (ConnectorEvent)new UnlockRequested()), Assert.Single(h.Station.Posted));
        Assert.False(h.TryReadSent(out var early), "Answered before the lock moved: " + early);

        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Finishing, ChargePointErrorCode.NoError, null, Tethered: false, SocketLockState.Unlocked));
        Assert.Equal("""[3,"u1",{"status":"Unlocked"}]""", await AnswerWhileAdvancingAsync(h));
        Assert.True(h.Time.GetUtcNow() - T0 < CoreProfileHandlers.UnlockFeedbackTimeout);
    }

    [Fact]
    public async Task UnlockConnector_LockStaysLocked_UnlockFailedAfterFeedbackTimeout()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Available, ChargePointErrorCode.NoError, null, Tethered: false, SocketLockState.Locked));

        await h.Transport.DeliverAsync("""[2,"u1","UnlockConnector",{"connectorId":1}]""");
        var answer = await AnswerWhileAdvancingAsync(h);

        Assert.Equal("""[3,"u1",{"status":"UnlockFailed"}]""", answer);
        Assert.True(h.Time.GetUtcNow() - T0 >= CoreProfileHandlers.UnlockFeedbackTimeout);
    }
}
