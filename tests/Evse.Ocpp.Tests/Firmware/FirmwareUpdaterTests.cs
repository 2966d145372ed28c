using Evse.Core.Charging;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Firmware;

namespace Evse.Ocpp.Tests.Firmware;

public sealed class FirmwareUpdaterTests
{
    private const string Location = "http://cs.example/fw/evse-daemon_0.2.0_all.deb";

    [Fact]
    public async Task UpdateFirmware_RetrieveDateInFuture_AnswersAtOnceThenWaitsAndReportsEachStepInOrder()
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();
        Assert.Equal("{}", await h.CallAsync("UpdateFirmware", $$"""{"location":"{{Location}}","retrieveDate":"2026-03-01T09:00:00Z"}"""));
        await h.WaitForTimersAsync(1);
        Assert.Empty(h.Transfer.Downloads);

        h.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(["Downloading", "Downloaded", "Installing", "Installed"], await h.StatusesAsync("FirmwareStatusNotification", 4));
        Assert.Equal(new Uri(Location), Assert.Single(h.Transfer.Downloads));
        Assert.Equal((h.PackagePath, true), Assert.Single(h.Installer.Requests));
        Assert.Equal(Evse.Ocpp.Messages.FirmwareStatus.Idle, h.Updater.Status);
    }

    [Fact]
    public async Task UpdateFirmware_FirstDownloadFails_RetriesAfterRetryInterval()
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();
        h.Transfer.Script.Enqueue(TransferResult.Failed("GET answered 503"));
        h.Transfer.Script.Enqueue(TransferResult.Ok);

        await h.CallAsync("UpdateFirmware", $$"""{"location":"{{Location}}","retrieveDate":"2026-03-01T07:00:00Z","retries":2,"retryInterval":30}""");
        Assert.Equal(["Downloading"], await h.StatusesAsync("FirmwareStatusNotification", 1));
        await FirmwareHarness.UntilAsync(() => h.Transfer.Downloads.Count == 1);
        await h.WaitForTimersAsync(1);

        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Single(h.Transfer.Downloads);
        h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["Downloaded", "Installing", "Installed"], await h.StatusesAsync("FirmwareStatusNotification", 3));
        Assert.Equal(2, h.Transfer.Downloads.Count);
    }

    [Fact]
    public async Task UpdateFirmware_EveryAttemptFails_TriesRetriesPlusOneTimesThenDownloadFailed()
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();
        h.Transfer.Script.Enqueue(TransferResult.Failed("refused"));

        await h.CallAsync("UpdateFirmware", $$"""{"location":"{{Location}}","retrieveDate":"2026-03-01T08:00:00Z","retries":2,"retryInterval":10}""");
        Assert.Equal(["Downloading"], await h.StatusesAsync("FirmwareStatusNotification", 1));
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var seen = attempt;
            await FirmwareHarness.UntilAsync(() => h.Transfer.Downloads.Count == seen);
            await h.WaitForTimersAsync(1);
            h.Time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(["DownloadFailed"], await h.StatusesAsync("FirmwareStatusNotification", 1));
        Assert.Equal(3, h.Transfer.Downloads.Count);
        Assert.Empty(h.Installer.Requests);
        Assert.False(File.Exists(h.PackagePath + ".part"));
    }

    [Theory]
    [InlineData("not a package")]
    [InlineData("other package")]
    [InlineData("truncated")]
    public async Task UpdateFirmware_CorruptOrWrongFile_InstallationFailedAndNothingElseChanges(string defect)
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();
        var good = DebPackageBuilder.Build();
        h.Transfer.Content = defect switch
        {
            "not a package" => "<html>captive portal</html>"u8.ToArray(),
            "other package" => DebPackageBuilder.Build(package: "openssh-server"),
            _ => good[..^40],
        };

        await h.CallAsync("UpdateFirmware", $$"""{"location":"{{Location}}","retrieveDate":"2026-03-01T08:00:00Z"}""");

        Assert.Equal(["Downloading", "Downloaded", "InstallationFailed"], await h.StatusesAsync("FirmwareStatusNotification", 3));
        await h.Updater.Current;
        Assert.Empty(h.Installer.Requests);
        Assert.False(File.Exists(h.PackagePath));
        Assert.DoesNotContain(FirmwareUpdater.PendingVersionKey, h.Settings.LoadAll().Keys);
    }

    [Fact]
    public async Task UpdateFirmware_SessionRunning_InstallsOnlyAfterItEnds()
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 7, true));

        await h.CallAsync("UpdateFirmware", $$"""{"location":"{{Location}}","retrieveDate":"2026-03-01T08:00:00Z"}""");
        Assert.Equal(["Downloading", "Downloaded"], await h.StatusesAsync("FirmwareStatusNotification", 2));
        await h.WaitForTimersAsync(1);
        h.Time.Advance(h.Options.SessionPollInterval);
        await h.WaitForTimersAsync(1);
        Assert.Empty(h.Installer.Requests);

        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Finishing, ChargePointErrorCode.NoError, null, true));
        h.Time.Advance(h.Options.SessionPollInterval);

        Assert.Equal(["Installing", "Installed"], await h.StatusesAsync("FirmwareStatusNotification", 2));
        Assert.Single(h.Installer.Requests);
    }

    [Fact]
    public async Task UpdateFirmware_InstallHandedOver_PersistsExpectedVersionUntilRestart()
    {
        await using var h = new FirmwareHarness(installer: new FakeFirmwareInstaller { Result = null });
        await h.BootAcceptedAsync();
        h.Transfer.Content = DebPackageBuilder.Build(version: "0.2.0");

        await h.CallAsync("UpdateFirmware", $$"""{"location":"{{Location}}","retrieveDate":"2026-03-01T08:00:00Z"}""");

        Assert.Equal(["Downloading", "Downloaded", "Installing"], await h.StatusesAsync("FirmwareStatusNotification", 3));
        await FirmwareHarness.UntilAsync(() => !h.Installer.Requests.IsEmpty);
        Assert.Equal("0.2.0", h.Settings.LoadAll()[FirmwareUpdater.PendingVersionKey]);
        Assert.Equal(Evse.Ocpp.Messages.FirmwareStatus.Installing, h.Updater.Status);
    }

    [Fact]
    public async Task UpdateFirmware_InstallerReportsFailure_InstallationFailedAndPendingCleared()
    {
        await using var h = new FirmwareHarness(installer: new FakeFirmwareInstaller { Result = FirmwareInstallResult.Failed("apt-get exited 100") });
        await h.BootAcceptedAsync();

        await h.CallAsync("UpdateFirmware", $$"""{"location":"{{Location}}","retrieveDate":"2026-03-01T08:00:00Z"}""");

        Assert.Equal(["Downloading", "Downloaded", "Installing", "InstallationFailed"], await h.StatusesAsync("FirmwareStatusNotification", 4));
        await h.Updater.Current;
        Assert.DoesNotContain(FirmwareUpdater.PendingVersionKey, h.Settings.LoadAll().Keys);
    }

    [Theory]
    [InlineData("0.2.0", "Installed")]
    [InlineData("0.1.0", "InstallationFailed")]
    public async Task RunAsync_PendingInstallAfterRestart_ComparesRunningVersion(string running, string expected)
    {
        await using var h = new FirmwareHarness(
            seed: s => s.Save(FirmwareUpdater.PendingVersionKey, "0.2.0"),
            installer: new FakeFirmwareInstaller { RunningVersion = running });
        await h.BootAcceptedAsync();

        // The report was queued before registration; it leaves at the next retry tick.
        h.Time.Advance(h.Options.NotificationRetryInterval);

        Assert.Equal([expected], await h.StatusesAsync("FirmwareStatusNotification", 1));
        Assert.DoesNotContain(FirmwareUpdater.PendingVersionKey, h.Settings.LoadAll().Keys);
    }

    [Fact]
    public async Task TriggerMessage_FirmwareStatusWhenNothingRuns_AcceptedThenIdle()
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"FirmwareStatusNotification"}"""));

        Assert.Equal("""{"status":"Idle"}""", await h.ExpectAsync("FirmwareStatusNotification"));
    }

    [Fact]
    public async Task TriggerMessage_FirmwareStatusWhileWaitingForSession_ReportsDownloaded()
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();
        h.Station.Set(new ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 7, true));
        await h.CallAsync("UpdateFirmware", $$"""{"location":"{{Location}}","retrieveDate":"2026-03-01T08:00:00Z"}""");
        Assert.Equal(["Downloading", "Downloaded"], await h.StatusesAsync("FirmwareStatusNotification", 2));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"FirmwareStatusNotification"}"""));

        Assert.Equal("""{"status":"Downloaded"}""", await h.ExpectAsync("FirmwareStatusNotification"));
    }

    [Fact]
    public async Task UpdateFirmware_WireFrames_MatchSchemaSpelling()
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();

        await h.CallAsync("UpdateFirmware", $$"""{"location":"{{Location}}","retrieveDate":"2026-03-01T08:00:00Z"}""");

        var (_, action, payload) = await h.NextCallAsync();
        Assert.Equal(("FirmwareStatusNotification", """{"status":"Downloading"}"""), (action, payload));
    }
}
