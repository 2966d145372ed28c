using Evse.Core.Indication;
using Evse.Host.Station;

namespace Evse.Host.Tests.Station;

public sealed class NetworkProbeTests
{
    private const string Header = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

    [Theory]
    [InlineData("eth0", NetworkKind.Ethernet)]
    [InlineData("enp3s0", NetworkKind.Ethernet)]
    [InlineData("wlan0", NetworkKind.WiFi)]
    [InlineData("wlp2s0", NetworkKind.WiFi)]
    [InlineData("wwan0", NetworkKind.Lte)]
    [InlineData("usb0", NetworkKind.Lte)]
    [InlineData("ppp0", NetworkKind.Lte)]
    public void Classify_DefaultRouteOverAnInterface_ItsKind(string iface, NetworkKind expected)
    {
        var table = Header
            + "docker0\t0011A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
            + $"{iface}\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n";

        Assert.Equal(expected, NetworkProbe.Classify(table, []));
    }

    [Fact]
    public void Classify_TwoDefaultRoutes_TheLowerMetricWins()
    {
        var table = Header
            + "wwan0\t00000000\t0101A8C0\t0003\t0\t0\t700\t00000000\t0\t0\t0\n"
            + "wlan0\t00000000\t0102A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n";

        Assert.Equal(NetworkKind.WiFi, NetworkProbe.Classify(table, []));
    }

    [Fact]
    public void Classify_DefaultRouteDown_NotUsed()
    {
        var table = Header + "eth0\t00000000\t0101A8C0\t0002\t0\t0\t100\t00000000\t0\t0\t0\n";

        Assert.Equal(NetworkKind.None, NetworkProbe.Classify(table, []));
    }

    [Fact]
    public void Classify_NoDefaultRouteButAnAccessPoint_AccessPoint()
    {
        var table = Header + "wlan0\t0004A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";

        Assert.Equal(NetworkKind.AccessPoint, NetworkProbe.Classify(table, ["wlan0"]));
        Assert.Equal(NetworkKind.None, NetworkProbe.Classify(table, []));
    }

    [Fact]
    public void Read_FilesOfAnotherMachine_ClassifiesThem()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var route = Path.Combine(dir.FullName, "route");
            File.WriteAllText(route, Header + "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n");
            var net = Directory.CreateDirectory(Path.Combine(dir.FullName, "net", "uap0"));
            File.WriteAllText(Path.Combine(net.FullName, "operstate"), "up\n");

            Assert.Equal(NetworkKind.WiFi, NetworkProbe.Read(route, Path.Combine(dir.FullName, "nohostapd"), Path.Combine(dir.FullName, "net")));
            File.WriteAllText(route, Header);
            Assert.Equal(NetworkKind.AccessPoint, NetworkProbe.Read(route, Path.Combine(dir.FullName, "nohostapd"), Path.Combine(dir.FullName, "net")));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
