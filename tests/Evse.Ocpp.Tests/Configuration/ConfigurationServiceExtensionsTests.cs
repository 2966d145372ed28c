using Evse.Ocpp.Configuration;
using Evse.Ocpp.Tests.Outbox;
using K = Evse.Ocpp.Configuration.OcppConfigurationKeys;

namespace Evse.Ocpp.Tests.Configuration;

public class ConfigurationServiceExtensionsTests
{
    private readonly ConfigurationService _service = new(new InMemorySettingsStore(), new RecordingLogger<ConfigurationService>());

    [Fact]
    public void OutboxRetryPolicy_AfterChangeConfiguration_ReflectsNewValues()
    {
        _service.ChangeConfiguration(K.TransactionMessageAttempts, "3");
        _service.ChangeConfiguration(K.TransactionMessageRetryInterval, "60");
        Assert.Equal(new Ocpp.Outbox.OutboxRetryPolicy(3, TimeSpan.FromSeconds(60)), _service.OutboxRetryPolicy());
    }

    [Fact]
    public void LocalAuthorizationListLimits_Defaults_SupportedEnabled100And100()
    {
        Assert.Equal(new Ocpp.Authorization.LocalAuthorizationListLimits(true, true, 100, 100), _service.LocalAuthorizationListLimits());
    }

    [Fact]
    public void LocalAuthorizationListLimits_ProfileRemovedByStation_NotSupported()
    {
        _service.TryChange(K.SupportedFeatureProfiles, "Core,Reservation", ConfigurationChangeOrigin.Station);
        _service.ChangeConfiguration(K.LocalAuthListEnabled, "false");
        var limits = _service.LocalAuthorizationListLimits();
        Assert.False(limits.Supported);
        Assert.False(limits.Enabled);
    }
}
