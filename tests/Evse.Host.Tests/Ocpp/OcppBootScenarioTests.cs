using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Messages;
using Evse.Testing;
using Microsoft.Extensions.DependencyInjection;
using Evse.Testing.Ocpp;

namespace Evse.Host.Tests.Ocpp;

/// <summary>BootNotification through the whole daemon against a scripted Central System over a real WebSocket.</summary>
public sealed class OcppBootScenarioTests
{
    internal const string Boot = """CP BootNotification {"chargePointVendor":"EvseDaemon","chargePointModel":"EVSE-1","chargePointSerialNumber":"SERIAL","firmwareVersion":"0.1.0"}""";

    [Fact]
    public async Task Boot_Accepted_SendsBootThenStatusOfConnectorZeroAndOne()
    {
        await using var daemon = await OcppDaemon.StartAsync();

        await daemon.CentralSystem.WaitForAsync(f => f.Count(x => x.Action == "StatusNotification") >= 2 && f.Count == 6, "boot and status");

        Wire.AssertLines(
            [
                BootLine(daemon),
                """CS BootNotification.conf {"currentTime":"2026-01-05T08:00:00Z","interval":300,"status":"Accepted"}""",
                """CP StatusNotification {"connectorId":0,"errorCode":"NoError","status":"Available","timestamp":"2026-01-05T08:00:00Z"}""",
                """CS StatusNotification.conf {}""",
                """CP StatusNotification {"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"2026-01-05T08:00:00Z"}""",
                """CS StatusNotification.conf {}""",
            ],
            Wire.Describe(daemon.CentralSystem.Frames));
        Wire.AssertAnswersMatchCalls(daemon.CentralSystem.Frames);
        Assert.EndsWith("/ocpp/" + OcppDaemon.ChargePointId, daemon.CentralSystem.ConnectedPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boot_AcceptedWithInterval_HeartbeatsEveryInterval()
    {
        await using var daemon = await OcppDaemon.StartAsync(script: cs => cs.Script = (action, _) => action == "BootNotification"
            ? CentralSystemAnswer.Result("""{"currentTime":"2026-01-05T08:00:00Z","interval":60,"status":"Accepted"}""")
            : null);
        await daemon.CentralSystem.WaitForAsync(f => f.Count(x => x.Action == "StatusNotification") >= 2, "boot and status");

        await daemon.AdvanceAsync(TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        Assert.Empty(daemon.CentralSystem.Calls("Heartbeat"));

        await daemon.AdvanceUntilAsync(f => f.Any(x => x.Action == "Heartbeat"), "a heartbeat");
        await daemon.AdvanceUntilAsync(f => f.Count(x => x.Action == "Heartbeat") == 2, "a second heartbeat");

        Assert.Equal(["{}", "{}"], daemon.CentralSystem.Payloads("Heartbeat"));
        Assert.Equal(TimeSpan.FromSeconds(120), daemon.Time.GetUtcNow() - new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData("Rejected")]
    public async Task Boot_NotAccepted_SendsNothingElseAndRetriesAfterTheInterval(string status)
    {
        var accept = false;
        await using var daemon = await OcppDaemon.StartAsync(script: cs => cs.Script = (action, _) => action == "BootNotification"
            ? CentralSystemAnswer.Result(accept
                ? """{"currentTime":"2026-01-05T08:00:00Z","interval":300,"status":"Accepted"}"""
                : $$"""{"currentTime":"2026-01-05T08:00:00Z","interval":40,"status":"{{status}}"}""")
            : null);
        await daemon.CentralSystem.WaitForAsync(f => f.Count == 2, "the first boot answer");

        // The Central System has recorded its answer; the daemon handles it a moment later, and the retry interval
        // runs from then. Move the clock only once it has (else a loaded machine sees the retry late).
        var chargePoint = daemon.App!.Services.GetRequiredService<ChargePointService>();
        var expected = status == "Pending" ? RegistrationStatus.Pending : RegistrationStatus.Rejected;
        Assert.True(await RealClockWait.UntilAsync(() => chargePoint.Registration == expected), $"the daemon did not take the {status} answer");

        // Plugging in while not accepted changes the status: it must not be sent.
        await DaemonApiPlugAsync(daemon);
        await daemon.AdvanceAsync(TimeSpan.FromSeconds(39), TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        Assert.Equal(2, daemon.CentralSystem.Frames.Count);

        accept = true;
        await daemon.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await daemon.CentralSystem.WaitForAsync(f => f.Count(x => x.Action == "StatusNotification") >= 2, "boot accepted and status");

        Wire.AssertLines(
            [
                BootLine(daemon),
                $$"""CS BootNotification.conf {"currentTime":"2026-01-05T08:00:00Z","interval":40,"status":"{{status}}"}""",
                BootLine(daemon),
                """CS BootNotification.conf {"currentTime":"2026-01-05T08:00:00Z","interval":300,"status":"Accepted"}""",
                """CP StatusNotification {"connectorId":0,"errorCode":"NoError","status":"Available","timestamp":"2026-01-05T08:00:40Z"}""",
                """CS StatusNotification.conf {}""",
                """CP StatusNotification {"connectorId":1,"errorCode":"NoError","status":"Preparing","timestamp":"2026-01-05T08:00:40Z"}""",
                """CS StatusNotification.conf {}""",
            ],
            Wire.Describe(daemon.CentralSystem.Frames).Take(8));
    }

    [Fact]
    public async Task Boot_CallError_RetriesAfterThirtySeconds()
    {
        var attempts = 0;
        await using var daemon = await OcppDaemon.StartAsync(script: cs => cs.Script = (action, _) =>
            action == "BootNotification" && Interlocked.Increment(ref attempts) <= 2 ? CentralSystemAnswer.Error("InternalError") : null);
        await daemon.CentralSystem.WaitForAsync(f => f.Count == 2, "the first boot answer");
        // The retry time runs from when the daemon handled the CALLERROR: let it do so before the clock moves.
        await ThreadPoolQuiet.WaitAsync(TimeSpan.FromSeconds(2));

        await daemon.AdvanceAsync(TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        Assert.Single(daemon.CentralSystem.Calls("BootNotification"));

        await daemon.AdvanceUntilAsync(f => f.Count(x => x.Action == "StatusNotification") >= 2, "boot accepted", TimeSpan.FromSeconds(1));

        Assert.Equal(3, daemon.CentralSystem.Calls("BootNotification").Count);
        Wire.AssertLines(
            [BootLine(daemon), "CS CALLERROR InternalError", BootLine(daemon), "CS CALLERROR InternalError", BootLine(daemon)],
            Wire.Describe(daemon.CentralSystem.Frames).Take(5));
        // Two 30 s waits after the first attempt at 08:00:00; the 1 s stepping may overshoot by a step while the
        // statuses that follow the acceptance are on their way.
        Assert.InRange(daemon.Time.GetUtcNow(), new DateTimeOffset(2026, 1, 5, 8, 1, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 5, 8, 1, 1, TimeSpan.Zero));
    }

    private static Task DaemonApiPlugAsync(OcppDaemon daemon) =>
        Support.DaemonApi.PostAsync(daemon.Client, "/api/sim/connectors/1/ev", new { state = "B", maxCurrentAmps = 32, phases = 1 });

    private static string BootLine(OcppDaemon daemon) => Boot.Replace("SERIAL", daemon.SerialNumber, StringComparison.Ordinal);
}
