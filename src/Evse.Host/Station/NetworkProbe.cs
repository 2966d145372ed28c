using System.Globalization;
using Evse.Core.Indication;

namespace Evse.Host.Station;

/// <summary>
/// The network device in use, for the display's letter (seed 001 Table 19: E Ethernet, W Wi-Fi, L LTE, A Wi-Fi AP
/// mode). What Linux tells us without privileges or extra packages:
/// <list type="bullet">
/// <item>The IPv4 default route (<c>/proc/net/route</c>: destination and mask 0, flag RTF_UP; the lowest metric wins,
/// as the kernel picks it). Its interface carries the Central System's traffic.</item>
/// <item>The interface's name says its kind: eth*/en* Ethernet, wlan*/wl* Wi-Fi, wwan*/ww*/ppp*/usb*/rmnet* a cellular
/// modem (a Pi's LTE HAT shows as usb0 or wwan0 in ECM/QMI mode).</item>
/// <item>Access point mode: hostapd's control sockets (<c>/run/hostapd/&lt;interface&gt;</c>, its default
/// ctrl_interface), or an interface named ap*/uap* that is up (the usual name of a Pi's AP interface). The seed's factory
/// default is the AP; with no default route and an AP up the letter is A.</item>
/// </list>
/// Not seen: an IPv6-only default route, and a Wi-Fi client that is associated but has no route (shown as no network).
/// </summary>
public static class NetworkProbe
{
    private const int RouteUp = 0x1;

    /// <summary>The kind from the text of /proc/net/route and the interfaces running as an access point.</summary>
    public static NetworkKind Classify(string routeTable, IReadOnlyCollection<string> accessPoints)
    {
        ArgumentNullException.ThrowIfNull(routeTable);
        ArgumentNullException.ThrowIfNull(accessPoints);
        string? best = null;
        var bestMetric = long.MaxValue;
        foreach (var line in routeTable.Split('\n').Skip(1))
        {
            var f = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8
                || f[1] != "00000000"
                || f[7] != "00000000"
                || !int.TryParse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags)
                || (flags & RouteUp) == 0
                || !long.TryParse(f[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var metric)
                || metric >= bestMetric)
            {
                continue;
            }

            best = f[0];
            bestMetric = metric;
        }

        if (best is null)
        {
            return accessPoints.Count > 0 ? NetworkKind.AccessPoint : NetworkKind.None;
        }

        return accessPoints.Contains(best) ? NetworkKind.AccessPoint : KindOf(best);
    }

    /// <summary>The kind of an interface from its name (see the class remarks).</summary>
    public static NetworkKind KindOf(string interfaceName)
    {
        ArgumentNullException.ThrowIfNull(interfaceName);
        static bool Starts(string name, params string[] prefixes) => prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
        return interfaceName switch
        {
            _ when Starts(interfaceName, "eth", "en") => NetworkKind.Ethernet,
            _ when Starts(interfaceName, "wlan", "wl") => NetworkKind.WiFi,
            _ when Starts(interfaceName, "wwan", "ww", "ppp", "usb", "rmnet") => NetworkKind.Lte,
            _ when Starts(interfaceName, "ap", "uap") => NetworkKind.AccessPoint,
            _ => NetworkKind.None,
        };
    }

    /// <summary>Reads this machine's state; an unreadable file counts as no network.</summary>
    public static NetworkKind Read(string procRoute = "/proc/net/route", string hostapdRun = "/run/hostapd", string sysClassNet = "/sys/class/net")
    {
        var routes = File.Exists(procRoute) ? File.ReadAllText(procRoute) : string.Empty;
        var accessPoints = new HashSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(hostapdRun))
        {
            accessPoints.UnionWith(Directory.EnumerateFileSystemEntries(hostapdRun).Select(Path.GetFileName).OfType<string>());
        }

        if (Directory.Exists(sysClassNet))
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(sysClassNet))
            {
                var name = Path.GetFileName(path);
                var state = Path.Combine(path, "operstate");
                if (KindOf(name) == NetworkKind.AccessPoint && File.Exists(state) && File.ReadAllText(state).Trim() == "up")
                {
                    accessPoints.Add(name);
                }
            }
        }

        return Classify(routes, accessPoints);
    }
}
