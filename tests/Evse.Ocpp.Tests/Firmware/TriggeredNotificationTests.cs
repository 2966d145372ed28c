namespace Evse.Ocpp.Tests.Firmware;

/// <summary>Audit item 14: a triggered Firmware/DiagnosticsStatusNotification is not held until Accepted.</summary>
public sealed class TriggeredNotificationTests
{
    [Theory]
    [InlineData("FirmwareStatusNotification")]
    [InlineData("DiagnosticsStatusNotification")]
    public async Task TriggerMessage_WhileRegistrationPending_NotificationSentAfterAnswer(string message)
    {
        await using var h = new FirmwareHarness();
        await h.Transport.SetOnlineAsync(true);
        await h.ExpectAsync("BootNotification", """{"status":"Pending","currentTime":"2026-03-01T08:00:00Z","interval":300}""");

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("TriggerMessage", $$"""{"requestedMessage":"{{message}}"}"""));
        Assert.Equal("""{"status":"Idle"}""", await h.ExpectAsync(message));
    }
}
