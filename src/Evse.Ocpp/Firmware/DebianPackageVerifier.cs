using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Evse.Ocpp.Firmware;

/// <summary>
/// Checks that a downloaded file is a whole Debian binary package of the expected name before anything is handed
/// to the installer (deb(5)): an ar archive ("!&lt;arch&gt;\n") whose members are <c>debian-binary</c> ("2.0\n"),
/// <c>control.tar[.gz]</c> and <c>data.tar.*</c>, each member fully inside the file, and a control file whose
/// <c>Package:</c> is the expected one. The control archive is read in full, so a gzip checksum error is caught;
/// the data archive is only checked to be complete (dpkg verifies its content while unpacking). Our build writes
/// control.tar.gz (<c>dpkg-deb --no-uniform-compression</c>); xz or zstd control members cannot be read by the BCL
/// and are refused.
/// </summary>
public static class DebianPackageVerifier
{
    private const int ArHeaderBytes = 60;
    private static readonly byte[] ArMagic = "!<arch>\n"u8.ToArray();

    public static bool TryVerify(string path, string expectedPackage, out DebianPackageInfo? info, out string error)
    {
        info = null;
        try
        {
            using var file = File.OpenRead(path);
            return TryVerify(file, expectedPackage, out info, out error);
        }
        catch (IOException e)
        {
            error = $"cannot read {path}: {e.Message}";
            return false;
        }
    }

    public static bool TryVerify(Stream package, string expectedPackage, out DebianPackageInfo? info, out string error)
    {
        ArgumentNullException.ThrowIfNull(package);
        info = null;
        var magic = new byte[ArMagic.Length];
        if (package.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.AsSpan().SequenceEqual(ArMagic))
        {
            error = "not a Debian package: no ar archive signature";
            return false;
        }

        var members = new List<string>();
        string? control = null;
        var header = new byte[ArHeaderBytes];
        while (true)
        {
            var read = package.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (read == 0)
            {
                break;
            }

            if (read != header.Length || header[58] != (byte)'`' || header[59] != (byte)'\n')
            {
                error = $"not a Debian package: broken ar header after member {members.Count}";
                return false;
            }

            var name = Encoding.ASCII.GetString(header, 0, 16).TrimEnd(' ').TrimEnd('/');
            if (!long.TryParse(Encoding.ASCII.GetString(header, 48, 10).Trim(), out var size) || size < 0)
            {
                error = $"not a Debian package: bad size of member '{name}'";
                return false;
            }

            var start = package.Position;
            if (start + size > package.Length)
            {
                error = $"truncated package: member '{name}' needs {size} bytes, {package.Length - start} left";
                return false;
            }

            members.Add(name);
            if (members.Count == 1)
            {
                var body = new byte[Math.Min(size, 16)];
                package.ReadExactly(body);
                if (name != "debian-binary" || !Encoding.ASCII.GetString(body).StartsWith("2.", StringComparison.Ordinal))
                {
                    error = "not a Debian package: the first member is not debian-binary 2.x";
                    return false;
                }
            }
            else if (name.StartsWith("control.tar", StringComparison.Ordinal))
            {
                if (!TryReadControl(package, name, size, out control, out error))
                {
                    return false;
                }
            }

            // Members are padded to an even offset.
            package.Position = start + size + (size % 2);
        }

        if (members.Count < 3 || !members[1].StartsWith("control.tar", StringComparison.Ordinal) || !members[2].StartsWith("data.tar", StringComparison.Ordinal))
        {
            error = $"not a Debian package: members are [{string.Join(", ", members)}], expected debian-binary, control.tar.*, data.tar.*";
            return false;
        }

        var fields = ParseControl(control!);
        if (!fields.TryGetValue("Package", out var name2) || !fields.TryGetValue("Version", out var version))
        {
            error = "the control file has no Package or Version field";
            return false;
        }

        if (!string.Equals(name2, expectedPackage, StringComparison.Ordinal))
        {
            error = $"wrong package '{name2}', expected '{expectedPackage}'";
            return false;
        }

        info = new DebianPackageInfo(name2, version);
        error = string.Empty;
        return true;
    }

    private static bool TryReadControl(Stream package, string member, long size, out string? control, out string error)
    {
        control = null;
        var bytes = new byte[size];
        package.ReadExactly(bytes);
        Stream tar;
        switch (member)
        {
            case "control.tar":
                tar = new MemoryStream(bytes);
                break;
            case "control.tar.gz":
                var unpacked = new MemoryStream();
                try
                {
                    using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                    gzip.CopyTo(unpacked);
                }
                catch (InvalidDataException e)
                {
                    error = $"corrupt control.tar.gz: {e.Message}";
                    return false;
                }

                unpacked.Position = 0;
                tar = unpacked;
                break;
            default:
                error = $"{member} cannot be read here: build the package with control.tar.gz (dpkg-deb --no-uniform-compression)";
                return false;
        }

        using (tar)
        {
            try
            {
                using var reader = new TarReader(tar);
                while (reader.GetNextEntry() is { } entry)
                {
                    if (entry.Name is "./control" or "control" && entry.DataStream is { } data)
                    {
                        using var text = new StreamReader(data, Encoding.UTF8);
                        control = text.ReadToEnd();
                        error = string.Empty;
                        return true;
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                error = $"corrupt {member}: {e.Message}";
                return false;
            }
        }

        error = $"{member} holds no control file";
        return false;
    }

    private static Dictionary<string, string> ParseControl(string control)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in control.Split('\n'))
        {
            // Continuation lines start with a space; the fields we need are single-line.
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !char.IsWhiteSpace(line[0]))
            {
                fields[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }

        return fields;
    }
}
