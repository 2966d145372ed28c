namespace Evse.Host.Firmware;

/// <summary>Reads one package's version from dpkg's status database (deb822 paragraphs).</summary>
public static class DpkgStatus
{
    public static bool TryGetVersion(string statusPath, string package, out string version)
    {
        version = string.Empty;
        if (!File.Exists(statusPath))
        {
            return false;
        }

        string? current = null;
        foreach (var line in File.ReadLines(statusPath))
        {
            if (line.Length == 0)
            {
                current = null;
            }
            else if (line.StartsWith("Package: ", StringComparison.Ordinal))
            {
                current = line["Package: ".Length..].Trim();
            }
            else if (current == package && line.StartsWith("Version: ", StringComparison.Ordinal))
            {
                version = line["Version: ".Length..].Trim();
                return true;
            }
        }

        return false;
    }
}
