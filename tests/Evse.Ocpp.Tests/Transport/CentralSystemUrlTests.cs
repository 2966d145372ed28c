using System.Text;
using Evse.Ocpp.Transport;

namespace Evse.Ocpp.Tests.Transport;

public class CentralSystemUrlTests
{
    [Theory]
    [InlineData("ws://cs.example.com/ocpp", "CP001", "ws://cs.example.com/ocpp/CP001")]
    [InlineData("wss://cs.example.com/ocpp/", "CP001", "wss://cs.example.com/ocpp/CP001")]
    [InlineData("wss://cs.example.com:8443/steve/websocket/CentralSystemService", "Blink HQ#2/a", "wss://cs.example.com:8443/steve/websocket/CentralSystemService/Blink%20HQ%232%2Fa")]
    [InlineData("ws://10.0.0.1:9000", "ä", "ws://10.0.0.1:9000/%C3%A4")]
    public void Build_AppendsOneSlashAndPercentEncodedId(string url, string id, string expected)
    {
        Assert.Equal(expected, CentralSystemUrl.Build(new Uri(url), id).AbsoluteUri);
    }

    [Fact]
    public void Build_HttpScheme_Throws()
    {
        Assert.Throws<ArgumentException>(() => CentralSystemUrl.Build(new Uri("http://cs.example.com/ocpp"), "CP1"));
    }

    [Fact]
    public void BasicAuthorization_EncodesIdColonPassword()
    {
        var header = CentralSystemUrl.BasicAuthorization("CP1", "0123456789abcdef");

        Assert.StartsWith("Basic ", header, StringComparison.Ordinal);
        Assert.Equal("CP1:0123456789abcdef", Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])));
    }
}
