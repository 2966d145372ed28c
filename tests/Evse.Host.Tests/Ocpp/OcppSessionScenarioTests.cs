using Microsoft.Extensions.DependencyInjection;
using Evse.Host.Tests.Support;
using Evse.Testing.Ocpp;
using Evse.Testing;

namespace Evse.Host.Tests.Ocpp;

/// <summary>
/// Charging sessions through the whole daemon (simulated board, fake clock) seen at a scripted Central System over a
/// real WebSocket. Status notifications and transaction messages travel on two independent paths (status is sent
/// when it changes, transaction messages through the durable outbox), so each path is asserted exactly on its own.
/// </summary>
public sealed class OcppSessionScenarioTests
{
    private static readonly string[] TransactionActions = ["Authorize", "StartTransaction", "MeterValues", "StopTransaction"];

    [Fact]
    public async Task RfidSession_CardPlugChargeSameCard_AuthorizeStartMeterValuesStopOnTheWire()
    {
        await using var daemon = await BootedAsync();

        await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "04A1B2C3" });
        await daemon.CentralSystem.WaitForAsync(f => f.Any(x => x.Action == "Authorize"), "Authorize");
        await ChargeAsync(daemon, TimeSpan.FromMinutes(2));
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "04A1B2C3" });
        await DaemonApi.WaitForStatusAsync(daemon.Client, "Finishing");
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/connectors/1/ev", new { state = "A" });
        await daemon.CentralSystem.WaitForAsync(f => Answered(f, "StopTransaction") && f.Count(x => x.Action == "StatusNotification") >= 6, "stop and Available");

        Wire.AssertLines(
            [
                """CP Authorize {"idTag":"04A1B2C3"}""",
                """CS Authorize.conf {"idTagInfo":{"status":"Accepted"}}""",
                """CP StartTransaction {"connectorId":1,"idTag":"04A1B2C3","meterStart":0,"timestamp":"2026-01-05T08:00:00Z"}""",
                """CS StartTransaction.conf {"idTagInfo":{"status":"Accepted"},"transactionId":101}""",
                MeterValues(101, "2026-01-05T08:01:00Z", "61"),
                """CS MeterValues.conf {}""",
                MeterValues(101, "2026-01-05T08:02:00Z", "123"),
                """CS MeterValues.conf {}""",
                """CP StopTransaction {"idTag":"04A1B2C3","meterStop":123,"timestamp":"2026-01-05T08:02:00Z","transactionId":101,"reason":"Local"}""",
                """CS StopTransaction.conf {}""",
            ],
            TransactionLines(daemon));
        Wire.AssertLines(
            [
                Status("Preparing", "08:00:00"),
                Status("SuspendedEVSE", "08:00:00"),
                Status("SuspendedEV", "08:00:00"),
                Status("Charging", "08:00:00"),
                Status("Finishing", "08:02:00"),
                Status("Available", "08:02:00"),
            ],
            StatusLines(daemon));
        Wire.AssertAnswersMatchCalls(daemon.CentralSystem.Frames);
    }

    [Fact]
    public async Task RemoteStartStop_FromTheCentralSystem_StartsWithItsIdTagAndStopsWithReasonRemote()
    {
        await using var daemon = await BootedAsync();

        var start = await daemon.CentralSystem.CallAsync("RemoteStartTransaction", """{"connectorId":1,"idTag":"REMOTE01"}""");
        Assert.Equal("""{"status":"Accepted"}""", start.PayloadJson);
        await ChargeAsync(daemon, TimeSpan.FromSeconds(30));
        await daemon.CentralSystem.WaitForAsync(f => Answered(f, "StartTransaction"), "StartTransaction");
        var stop = await daemon.CentralSystem.CallAsync("RemoteStopTransaction", """{"transactionId":101}""");
        Assert.Equal("""{"status":"Accepted"}""", stop.PayloadJson);
        await daemon.CentralSystem.WaitForAsync(f => Answered(f, "StopTransaction"), "StopTransaction");

        // AuthorizeRemoteTxRequests is true by default (seed 001): the id is authorized like a card first.
        Wire.AssertLines(
            [
                """CP Authorize {"idTag":"REMOTE01"}""",
                """CS Authorize.conf {"idTagInfo":{"status":"Accepted"}}""",
                """CP StartTransaction {"connectorId":1,"idTag":"REMOTE01","meterStart":0,"timestamp":"2026-01-05T08:00:00Z"}""",
                """CS StartTransaction.conf {"idTagInfo":{"status":"Accepted"},"transactionId":101}""",
                """CP StopTransaction {"idTag":"REMOTE01","meterStop":31,"timestamp":"2026-01-05T08:00:30Z","transactionId":101,"reason":"Remote"}""",
                """CS StopTransaction.conf {}""",
            ],
            TransactionLines(daemon));
    }

    [Fact]
    public async Task OfflineSession_CentralSystemDownThroughout_DeliveredInOrderWithTheMappedIdAfterReconnect()
    {
        await using var daemon = await BootedAsync(("AllowOfflineTxForUnknownId", "true"));
        daemon.CentralSystem.TransactionIdBase = 7000;
        daemon.CentralSystem.SetOnline(false);
        await Eventually.True(() => !daemon.CentralSystem.IsConnected, "the link to drop");

        await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "0BADCAFE" });
        await ChargeAsync(daemon, TimeSpan.FromMinutes(2));
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "0BADCAFE" });
        await DaemonApi.WaitForStatusAsync(daemon.Client, "Finishing");
        Assert.DoesNotContain(daemon.CentralSystem.Frames, f => f.Action is "Authorize" or "StartTransaction");

        daemon.CentralSystem.SetOnline(true);
        await daemon.AdvanceUntilAsync(f => Answered(f, "StopTransaction"), "the backlog", TimeSpan.FromSeconds(5));

        Wire.AssertLines(
            [
                """CP StartTransaction {"connectorId":1,"idTag":"0BADCAFE","meterStart":0,"timestamp":"2026-01-05T08:00:00Z"}""",
                """CS StartTransaction.conf {"idTagInfo":{"status":"Accepted"},"transactionId":7001}""",
                MeterValues(7001, "2026-01-05T08:01:00Z", "61"),
                """CS MeterValues.conf {}""",
                MeterValues(7001, "2026-01-05T08:02:00Z", "123"),
                """CS MeterValues.conf {}""",
                """CP StopTransaction {"idTag":"0BADCAFE","meterStop":123,"timestamp":"2026-01-05T08:02:00Z","transactionId":7001,"reason":"Local"}""",
                """CS StopTransaction.conf {}""",
            ],
            TransactionLines(daemon));
    }

    [Fact]
    public async Task Reset_DuringATransaction_StopsItWithTheResetReasonBeforeTheDaemonRestarts()
    {
        await using var daemon = await BootedAsync();
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "04A1B2C3" });
        await ChargeAsync(daemon, TimeSpan.FromSeconds(30));
        await daemon.CentralSystem.WaitForAsync(f => Answered(f, "StartTransaction"), "StartTransaction");
        var stopping = daemon.App!.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;

        var reset = await daemon.CentralSystem.CallAsync("Reset", """{"type":"Soft"}""");

        Assert.Equal("""{"status":"Accepted"}""", reset.PayloadJson);

        await daemon.CentralSystem.WaitForAsync(f => Answered(f, "StopTransaction"), "StopTransaction");
        Assert.Equal(
            """CP StopTransaction {"idTag":"04A1B2C3","meterStop":31,"timestamp":"2026-01-05T08:00:30Z","transactionId":101,"reason":"SoftReset"}""",
            TransactionLines(daemon).Single(l => l.StartsWith("CP StopTransaction", StringComparison.Ordinal)));
        // At most 15 fake seconds; the restart request itself runs on the thread pool, so it is then waited for on the
        // real clock (on a loaded machine it can come after those 15 steps).
        for (var second = 0; second < 15 && !stopping.IsCancellationRequested; second++)
        {
            await daemon.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        await RealClockWait.UntilAsync(() => stopping.IsCancellationRequested);
        Assert.True(stopping.IsCancellationRequested, "the daemon restarts after the reset");
    }

    internal static async Task<OcppDaemon> BootedAsync(params (string Key, string Value)[] configuration)
    {
        var daemon = await OcppDaemon.StartAsync();
        await daemon.CentralSystem.WaitForAsync(f => f.Count(x => x.Action == "StatusNotification") >= 2, "boot and status");
        // The scenarios' default sample interval goes first, so a caller's own MeterValueSampleInterval wins.
        foreach (var (key, value) in configuration.Prepend(("MeterValueSampleInterval", "60")))
        {
            var answer = await daemon.CentralSystem.CallAsync("ChangeConfiguration", $$"""{"key":"{{key}}","value":"{{value}}"}""");
            Assert.Equal("""{"status":"Accepted"}""", answer.PayloadJson);
        }

        daemon.CentralSystem.ClearFrames();
        return daemon;
    }

    /// <summary>Plugs a 16 A single-phase EV, lets it draw, and charges for <paramref name="duration"/> of fake time.</summary>
    internal static async Task ChargeAsync(OcppDaemon daemon, TimeSpan duration)
    {
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/connectors/1/ev", new { state = "B", maxCurrentAmps = 16, phases = 1 });
        await DaemonApi.WaitForStatusAsync(daemon.Client, "SuspendedEV");
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/connectors/1/ev", new { state = "C" });
        await DaemonApi.WaitForStatusAsync(daemon.Client, "Charging");
        await daemon.AdvanceAsync(duration, TimeSpan.FromSeconds(1));
    }

    internal static bool Answered(IReadOnlyList<CentralSystemFrame> frames, string action)
    {
        var call = frames.LastOrDefault(f => f.Action == action);
        return call is not null && frames.Any(f => !f.FromChargePoint && f.MessageType != 2 && f.MessageId == call.MessageId);
    }

    internal static IReadOnlyList<string> TransactionLines(OcppDaemon daemon) =>
        [.. Wire.Describe(daemon.CentralSystem.Frames).Where(l => TransactionActions.Any(a => l.StartsWith("CP " + a + " ", StringComparison.Ordinal) || l.StartsWith("CS " + a + ".conf", StringComparison.Ordinal)))];

    private static IReadOnlyList<string> StatusLines(OcppDaemon daemon) =>
        [.. Wire.Describe(daemon.CentralSystem.Frames).Where(l => l.StartsWith("CP StatusNotification", StringComparison.Ordinal))];

    private static string Status(string status, string time) =>
        $$"""CP StatusNotification {"connectorId":1,"errorCode":"NoError","status":"{{status}}","timestamp":"2026-01-05T{{time}}Z"}""";

    /// <summary>A periodic sample of the 16 A single-phase EV on a 230 V supply: the scenario's measurands, and only the phase the
    /// meter really has (L1).</summary>
    internal static string MeterValues(int transactionId, string at, string energyWh) =>
        $$"""CP MeterValues {"connectorId":1,"transactionId":{{transactionId}},"meterValue":[{"timestamp":"{{at}}","sampledValue":[""" +
        $$"""{"value":"{{energyWh}}","context":"Sample.Periodic","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"},""" +
        """{"value":"3680","context":"Sample.Periodic","measurand":"Power.Active.Import","location":"Outlet","unit":"W"},""" +
        """{"value":"16","context":"Sample.Periodic","measurand":"Current.Import","phase":"L1","location":"Outlet","unit":"A"},""" +
        """{"value":"230","context":"Sample.Periodic","measurand":"Voltage","phase":"L1-N","location":"Outlet","unit":"V"}]}]}""";
}
