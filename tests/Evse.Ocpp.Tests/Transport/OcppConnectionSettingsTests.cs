using System.Text;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.Tests.Configuration;
using Evse.Ocpp.Tests.Rpc;
using Evse.Ocpp.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using K = Evse.Ocpp.Configuration.OcppConfigurationKeys;

namespace Evse.Ocpp.Tests.Transport;

/// <summary>Audit item 1: the connection keys a Central System sets are the ones the charge point connects with.</summary>
public sealed class OcppConnectionSettingsTests
{
    private const string Key20Bytes = "00112233445566778899AABBCCDDEEFF01234567";
    private static readonly Uri Installed = new("ws://cs.example:8080/ocpp");

    private static ConfigurationService NewConfiguration() => new(new InMemorySettingsStore(), NullLogger<ConfigurationService>.Instance);

    [Fact]
    public void Resolve_NoKeysSet_UsesTheInstallationsUrlAndIdWithoutBasicAuth()
    {
        var options = OcppConnectionSettings.Resolve(NewConfiguration(), Installed, "CP-1");

        Assert.Equal(Installed, options.CentralSystemUrl);
        Assert.Equal("CP-1", options.ChargePointId);
        Assert.Null(options.BasicAuthUser);
        Assert.True(options.BasicAuthKey.IsEmpty);
        Assert.Equal(TimeSpan.FromSeconds(120), options.PingInterval);
    }

    [Fact]
    public void Resolve_KeysSetByTheCentralSystem_KeysWinAndTheKeyIsDecodedFromHex()
    {
        var configuration = NewConfiguration();
        Assert.Equal(ChangeConfigurationStatus.RebootRequired, configuration.ChangeConfiguration(K.CentralSystemUrl, "ws://other.example/v16"));
        Assert.Equal(ChangeConfigurationStatus.RebootRequired, configuration.ChangeConfiguration(K.ChargePointId, "CP-NEW"));
        Assert.Equal(ChangeConfigurationStatus.RebootRequired, configuration.ChangeConfiguration(K.BasicAuthId, "ocpp"));
        Assert.Equal(ChangeConfigurationStatus.Accepted, configuration.ChangeConfiguration(K.AuthorizationKey, Key20Bytes));
        Assert.Equal(ChangeConfigurationStatus.Accepted, configuration.ChangeConfiguration(K.WebSocketPingInterval, "30"));

        var options = OcppConnectionSettings.Resolve(configuration, Installed, "CP-1");

        Assert.Equal(new Uri("ws://other.example/v16"), options.CentralSystemUrl);
        Assert.Equal("CP-NEW", options.ChargePointId);
        Assert.Equal("ocpp", options.BasicAuthUser);
        Assert.Equal(Convert.FromHexString(Key20Bytes), options.BasicAuthKey.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(30), options.PingInterval);
    }

    [Theory]
    [InlineData("ws://cs.example:8080/ocpp", "WSS", "wss://cs.example:8080/ocpp")]
    [InlineData("ws://cs.example/ocpp", "WSS", "wss://cs.example/ocpp")]
    [InlineData("wss://cs.example/ocpp", "WS", "wss://cs.example/ocpp")]
    [InlineData("ws://cs.example/ocpp", "WS", "ws://cs.example/ocpp")]
    public void Resolve_MessageTransportLayer_WssUpgradesAndWsNeverDowngrades(string url, string layer, string expected)
    {
        var configuration = NewConfiguration();
        configuration.ChangeConfiguration(K.CentralSystemUrl, url);
        configuration.ChangeConfiguration(K.MessageTransportLayer, layer);

        Assert.Equal(new Uri(expected), OcppConnectionSettings.Resolve(configuration, Installed, "CP-1").CentralSystemUrl);
    }

    [Theory]
    [InlineData("0123456789abcdef", "Rejected")] // 8 bytes: too short
    [InlineData("0123456789abcdef0123456789abcdef", "Accepted")] // 16 bytes
    [InlineData("0123456789abcdef0123456789abcdef012", "Rejected")] // odd number of digits
    [InlineData("TopSecretPassword-not-hex-at-all!", "Rejected")]
    [InlineData("", "Accepted")]
    public void ChangeConfiguration_AuthorizationKey_HexOf16To20BytesAcceptedAtOnce(string value, string expected)
    {
        var configuration = NewConfiguration();
        if (value.Length == 0)
        {
            configuration.ChangeConfiguration(K.AuthorizationKey, Key20Bytes);
        }

        Assert.Equal(expected, configuration.ChangeConfiguration(K.AuthorizationKey, value).ToString());
    }

    [Fact]
    public void FollowChanges_PduTimeoutChanged_NextCallUsesIt()
    {
        var configuration = NewConfiguration();
        var rpc = new OcppRpcOptions();
        using var transport = new OcppWebSocketTransport(
            OcppConnectionSettings.Resolve(configuration, Installed, "CP-1"), TimeProvider.System, new Random(1), NullLogger<OcppWebSocketTransport>.Instance);
        OcppConnectionSettings.FollowChanges(configuration, transport, rpc);
        Assert.Equal(TimeSpan.FromSeconds(60), rpc.CallTimeout);

        Assert.Equal(ChangeConfigurationStatus.Accepted, configuration.ChangeConfiguration(K.PduTimeout, "15"));

        Assert.Equal(TimeSpan.FromSeconds(15), rpc.CallTimeout);
    }

    [Fact]
    public async Task AuthorizationKeyChanged_WhileConnected_ReconnectsWithTheNewBasicAuthHeader()
    {
        await using var cs = await TestCentralSystem.StartAsync();
        var configuration = NewConfiguration();
        var options = OcppConnectionSettings.Resolve(configuration, cs.BaseUrl, "CP1");
        options.ReconnectBaseDelay = TimeSpan.FromMilliseconds(10);
        options.ReconnectMaxDelay = TimeSpan.FromMilliseconds(50);
        using var transport = new OcppWebSocketTransport(options, TimeProvider.System, new Random(7), new CapturingLogger<OcppWebSocketTransport>());
        OcppConnectionSettings.FollowChanges(configuration, transport, new OcppRpcOptions());
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();
        var run = transport.RunAsync(listener, stop.Token);
        Assert.Equal("connected", await listener.NextAsync());

        Assert.Equal(ChangeConfigurationStatus.Accepted, configuration.ChangeConfiguration(K.AuthorizationKey, Key20Bytes));
        Assert.True(transport.IsConnected, "the connection must stay up until the ChangeConfiguration answer is out");
        transport.ReconnectNowIfRequested(); // what the dispatcher does once that answer is sent

        Assert.Equal("disconnected", await listener.NextAsync());
        Assert.Equal("connected", await listener.NextAsync());
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        var requests = cs.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal(string.Empty, requests[0].Authorization);
        var expected = "Basic " + Convert.ToBase64String([.. Encoding.UTF8.GetBytes("CP1:"), .. Convert.FromHexString(Key20Bytes)]);
        Assert.Equal(expected, requests[1].Authorization);
    }
}
