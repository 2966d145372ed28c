using Evse.Host.Firmware;
using Evse.Host.Tests.Support;
using Evse.Testing;

namespace Evse.Host.Tests.Firmware;

public sealed class SystemdFirmwareInstallerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    private string Package => Path.Combine(_dir.Path, "firmware.deb");

    private string Ready => Path.Combine(_dir.Path, SystemdFirmwareInstaller.ReadyFileName);

    private string Result => Path.Combine(_dir.Path, SystemdFirmwareInstaller.ResultFileName);

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("ok", true, null)]
    [InlineData("failed: apt-get exited 100: E: broken", false, "failed: apt-get exited 100: E: broken")]
    public async Task InstallAsync_UnitAnswers_WritesReadyAndReturnsItsResult(string answer, bool succeeded, string? error)
    {
        File.WriteAllText(Package, "deb");
        File.WriteAllText(Result, "stale from the last run");
        var installer = new SystemdFirmwareInstaller(_dir.Path, "0.1.0", _time);

        var install = installer.InstallAsync(Package, CancellationToken.None);
        await UntilTimerAsync();
        Assert.Equal("firmware.deb\n", File.ReadAllText(Ready));
        Assert.False(File.Exists(Result));
        File.WriteAllText(Result, answer + "\n");
        _time.Advance(installer.PollInterval);

        Assert.Equal(new Evse.Ocpp.Firmware.FirmwareInstallResult(succeeded, error), await install);
        Assert.False(File.Exists(Result));
    }

    [Fact]
    public async Task InstallAsync_NoAnswerWithinTimeout_FailsAndWithdrawsReadyFile()
    {
        File.WriteAllText(Package, "deb");
        var installer = new SystemdFirmwareInstaller(_dir.Path, "0.1.0", _time) { ResultTimeout = TimeSpan.FromSeconds(10), PollInterval = TimeSpan.FromSeconds(5) };

        var install = installer.InstallAsync(Package, CancellationToken.None);
        for (var i = 0; i < 2; i++)
        {
            await UntilTimerAsync();
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        var result = await install;
        Assert.False(result.Succeeded);
        Assert.Contains("evse-update.service did not answer", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Ready));
    }

    [Fact]
    public async Task InstallAsync_PackageOutsideUpdateDirectory_FailsWithoutReadyFile()
    {
        var installer = new SystemdFirmwareInstaller(_dir.Path, "0.1.0", _time);

        var result = await installer.InstallAsync("/etc/passwd", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(File.Exists(Ready));
    }

    [Theory]
    [InlineData("/usr/lib/evse-daemon/", "0.2.0+b1")]
    [InlineData("/home/dev/EvseDaemon/bin/", "0.1.0")]
    public void RunningVersion_FromPackageOrDevBuild_ReadsDpkgOnlyForThePackage(string appDirectory, string expected)
    {
        var status = Path.Combine(_dir.Path, "status");
        File.WriteAllText(status, "Package: evse-daemonx\nVersion: 9\n\nPackage: evse-daemon\nStatus: install ok installed\nVersion: 0.2.0+b1\n\nPackage: zlib1g\nVersion: 1\n");
        var installer = new SystemdFirmwareInstaller(_dir.Path, "0.1.0", _time) { DpkgStatusPath = status, ApplicationDirectory = appDirectory };

        Assert.Equal(expected, installer.RunningVersion);
    }

    private async Task UntilTimerAsync()
    {
        await RealClockWait.UntilAsync(() => _time.PendingTimers > 0);

        Assert.Equal(1, _time.PendingTimers);
    }
}
