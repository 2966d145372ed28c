using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Evse.Ocpp.Tests.Firmware;

/// <summary>Writes small Debian binary packages (deb(5)) the way dpkg-deb lays them out, with knobs to break them.</summary>
internal static class DebPackageBuilder
{
    public static byte[] Build(
        string package = "evse-daemon",
        string version = "0.2.0",
        string debianBinary = "2.0\n",
        bool includeData = true,
        string controlMember = "control.tar.gz")
    {
        var control = Encoding.UTF8.GetBytes($"Package: {package}\nVersion: {version}\nArchitecture: all\nDescription: test\n two lines\n");
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Gnu, leaveOpen: true))
        {
            writer.WriteEntry(new GnuTarEntry(TarEntryType.Directory, "./"));
            writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "./control") { DataStream = new MemoryStream(control) });
        }

        var controlBytes = controlMember.EndsWith(".gz", StringComparison.Ordinal) ? Gzip(tar.ToArray()) : tar.ToArray();
        var members = new List<(string Name, byte[] Body)>
        {
            ("debian-binary", Encoding.ASCII.GetBytes(debianBinary)),
            (controlMember, controlBytes),
        };
        if (includeData)
        {
            members.Add(("data.tar.xz", [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, 1, 2, 3]));
        }

        using var ar = new MemoryStream();
        ar.Write("!<arch>\n"u8);
        foreach (var (name, body) in members)
        {
            var header = string.Create(CultureInfo.InvariantCulture, $"{name,-16}{0,-12}{0,-6}{0,-6}{"100644",-8}{body.Length,-10}`\n");
            ar.Write(Encoding.ASCII.GetBytes(header));
            ar.Write(body);
            if (body.Length % 2 == 1)
            {
                ar.WriteByte((byte)'\n');
            }
        }

        return ar.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
