using Evse.Ocpp.Firmware;

namespace Evse.Ocpp.Tests.Firmware;

public sealed class DebianPackageVerifierTests
{
    [Theory]
    [InlineData("control.tar.gz")]
    [InlineData("control.tar")]
    public void TryVerify_WellFormedPackage_ReadsNameAndVersion(string controlMember)
    {
        var ok = Verify(DebPackageBuilder.Build(version: "0.3.1+b2", controlMember: controlMember), out var info, out var error);

        Assert.True(ok, error);
        Assert.Equal(new DebianPackageInfo("evse-daemon", "0.3.1+b2"), info);
    }

    [Fact]
    public void TryVerify_RealDpkgDebOutput_IsAccepted()
    {
        // A package made by dpkg-deb --no-uniform-compression, like build-deb.sh does, when dpkg-deb is present.
        var dir = Directory.CreateTempSubdirectory("evse-deb-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "root", "DEBIAN"));
            File.WriteAllText(Path.Combine(dir, "root", "DEBIAN", "control"), "Package: evse-daemon\nVersion: 9.8.7\nArchitecture: all\nMaintainer: t <t@example.com>\nDescription: t\n");
            var deb = Path.Combine(dir, "x.deb");
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dpkg-deb", ["--root-owner-group", "--no-uniform-compression", "-Zxz", "--build", Path.Combine(dir, "root"), deb]) { RedirectStandardOutput = true, RedirectStandardError = true });
            Assert.NotNull(process);
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);

            Assert.True(DebianPackageVerifier.TryVerify(deb, "evse-daemon", out var info, out var error), error);
            Assert.Equal("9.8.7", info!.Version);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TryVerify_NotAnArchive_RefusesNamingSignature()
    {
        Assert.False(Verify("<html>404</html>"u8.ToArray(), out _, out var error));
        Assert.Contains("no ar archive signature", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryVerify_OtherPackage_RefusesNamingBoth()
    {
        Assert.False(Verify(DebPackageBuilder.Build(package: "nginx"), out _, out var error));
        Assert.Equal("wrong package 'nginx', expected 'evse-daemon'", error);
    }

    [Fact]
    public void TryVerify_WrongDebianBinary_Refuses()
    {
        Assert.False(Verify(DebPackageBuilder.Build(debianBinary: "1.0\n"), out _, out var error));
        Assert.Contains("debian-binary", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryVerify_NoDataMember_Refuses()
    {
        Assert.False(Verify(DebPackageBuilder.Build(includeData: false), out _, out var error));
        Assert.Contains("expected debian-binary, control.tar.*, data.tar.*", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public void TryVerify_Truncated_Refuses(int bytesCut)
    {
        var whole = DebPackageBuilder.Build();

        Assert.False(Verify(whole[..^bytesCut], out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryVerify_CorruptControlArchive_Refuses()
    {
        var bytes = DebPackageBuilder.Build();
        bytes[FindGzip(bytes) + 20] ^= 0xFF;

        Assert.False(Verify(bytes, out _, out var error));
        Assert.Contains("control", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryVerify_XzControl_RefusesWithHowToBuild()
    {
        Assert.False(Verify(DebPackageBuilder.Build(controlMember: "control.tar.xz"), out _, out var error));
        Assert.Contains("--no-uniform-compression", error, StringComparison.Ordinal);
    }

    private static bool Verify(byte[] bytes, out DebianPackageInfo? info, out string error)
    {
        using var stream = new MemoryStream(bytes);
        return DebianPackageVerifier.TryVerify(stream, "evse-daemon", out info, out error);
    }

    private static int FindGzip(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length - 1; i++)
        {
            if (bytes[i] == 0x1F && bytes[i + 1] == 0x8B)
            {
                return i;
            }
        }

        throw new InvalidOperationException("no gzip member");
    }
}
