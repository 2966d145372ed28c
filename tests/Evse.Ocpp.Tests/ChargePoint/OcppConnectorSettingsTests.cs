using Evse.Core.Charging;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Tests.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Ocpp.Tests.ChargePoint;

public sealed class OcppConnectorSettingsTests
{
    [Fact]
    public void Apply_ChangedKeys_TakesOcppValuesAndKeepsPlugAndChargeId()
    {
        var configuration = new ConfigurationService(new InMemorySettingsStore(), NullLogger<ConfigurationService>.Instance);
        configuration.ChangeConfiguration("ConnectionTimeOut", "45");
        configuration.ChangeConfiguration("StopTransactionOnEVSideDisconnect", "false");

        var applied = OcppConnectorSettings.Apply(new ConnectorSettings("PNC-12345", TimeSpan.FromSeconds(900), true), configuration);

        Assert.Equal(new ConnectorSettings("PNC-12345", TimeSpan.FromSeconds(45), false), applied);
    }

    [Theory]
    [InlineData("ConnectionTimeOut", true)]
    [InlineData("stoptransactiononevsidedisconnect", true)]
    [InlineData("UnlockConnectorOnEVSideDisconnect", false)]
    [InlineData("HeartbeatInterval", false)]
    public void Affects_Key_TrueOnlyForConnectorSettingKeys(string key, bool expected) =>
        Assert.Equal(expected, OcppConnectorSettings.Affects(key));
}
