using System.Text;
using Evse.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Evse.Host.Tests.Ocpp;

/// <summary>
/// Audit item 1 through the whole daemon: the connection keys a Central System changes are the ones the charge point
/// connects with, the AuthorizationKey at once and the identity after the restart a Reset causes.
/// </summary>
public sealed class OcppConnectionKeysScenarioTests
{
    private const string Key = "00112233445566778899AABBCCDDEEFF";

    [Fact]
    public async Task ChangeConfiguration_AuthorizationKey_ReconnectsAtOnceWithBasicAuth()
    {
        await using var daemon = await OcppSessionScenarioTests.BootedAsync();
        Assert.Equal(string.Empty, daemon.CentralSystem.ConnectedAuthorization);

        var answer = await daemon.CentralSystem.CallAsync("ChangeConfiguration", $$"""{"key":"AuthorizationKey","value":"{{Key}}"}""");

        Assert.Equal("""{"status":"Accepted"}""", answer.PayloadJson);
        await daemon.AdvanceUntilAsync(_ => daemon.CentralSystem.Connections == 2 && daemon.CentralSystem.IsConnected, "the reconnect");
        Assert.Equal(BasicAuth(OcppDaemon.ChargePointId), daemon.CentralSystem.ConnectedAuthorization);
    }

    [Fact]
    public async Task ChangeConfiguration_ChargePointIdAndBasicAuthId_UsedAfterTheRestart()
    {
        await using var daemon = await OcppSessionScenarioTests.BootedAsync();

        var id = await daemon.CentralSystem.CallAsync("ChangeConfiguration", """{"key":"ChargePointId","value":"CP-RENAMED"}""");
        var key = await daemon.CentralSystem.CallAsync("ChangeConfiguration", $$"""{"key":"AuthorizationKey","value":"{{Key}}"}""");
        await daemon.AdvanceUntilAsync(_ => daemon.CentralSystem.Connections == 2 && daemon.CentralSystem.IsConnected, "the reconnect");
        var reset = await daemon.CentralSystem.CallAsync("Reset", """{"type":"Soft"}""");
        Assert.Equal("""{"status":"RebootRequired"}""", id.PayloadJson);
        Assert.Equal("""{"status":"Accepted"}""", key.PayloadJson);
        Assert.Equal("""{"status":"Accepted"}""", reset.PayloadJson);

        // The Reset stops the daemon for systemd to start it again; here the host is started again on the same data.
        var stopping = daemon.App!.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;
        for (var second = 0; second < 15 && !stopping.IsCancellationRequested; second++)
        {
            await daemon.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        // The restart request itself runs on the thread pool: on a loaded machine it can come after those 15 steps.
        await Eventually.True(() => stopping.IsCancellationRequested, "the daemon to restart after the reset", 30);
        await daemon.StopDaemonAsync();
        daemon.CentralSystem.ClearFrames();
        await daemon.StartDaemonAsync(daemon.CurrentDataDirectory);
        await daemon.AdvanceUntilAsync(f => f.Any(x => x.Action == "BootNotification"), "the BootNotification after the restart");

        Assert.EndsWith("/ocpp/CP-RENAMED", daemon.CentralSystem.ConnectedPath, StringComparison.Ordinal);
        Assert.Equal(BasicAuth("CP-RENAMED"), daemon.CentralSystem.ConnectedAuthorization);
    }

    private static string BasicAuth(string user) =>
        "Basic " + Convert.ToBase64String([.. Encoding.UTF8.GetBytes(user + ":"), .. Convert.FromHexString(Key)]);
}
