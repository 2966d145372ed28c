using Evse.Core.Charging;
using Evse.Core.Station;

namespace Evse.Ocpp.Tests.ChargePoint;

/// <summary>
/// The charge point's single event loop serves every later station event, link change and trigger: one event whose
/// handling throws (a bug, a disk error, a transport that threw) must be logged and skipped, not end the loop. Before
/// the fix the loop ended and the charge point went silent for good (nothing sent even after a reconnect).
/// </summary>
public sealed class EventLoopFailureTests
{
    private static readonly DateTimeOffset T0 = ChargePointHarness.Start;

    [Fact]
    public async Task RunAsync_EventHandlerThrows_NextEventStillHandled()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        h.Configuration.ChangeConfiguration("MinimumStatusDuration", "0");

        // Connector 1's StatusNotification goes out, then working out connector 0's status reads the station and throws.
        h.Station.FailingConnectorReads = 1;
        h.Service.Publish(new ConnectorStatusChanged(1, T0.AddSeconds(1), ChargePointStatus.Preparing, ChargePointErrorCode.NoError, null));
        Assert.Contains("\"Preparing\"", await h.ExpectAsync("StatusNotification", "{}"), StringComparison.Ordinal);

        h.Service.Publish(new ConnectorStatusChanged(1, T0.AddSeconds(2), ChargePointStatus.Charging, ChargePointErrorCode.NoError, null));

        var next = await h.ExpectAsync("StatusNotification", "{}");

        Assert.Equal(0, h.Station.FailingConnectorReads);
        Assert.Equal("""{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"2026-03-01T08:00:02Z"}""", next);
    }
}
