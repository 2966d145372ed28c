using Evse.Ocpp.Configuration;
using Evse.Ocpp.Tests.Outbox;
using K = Evse.Ocpp.Configuration.OcppConfigurationKeys;

namespace Evse.Ocpp.Tests.Configuration;

public class ConfigurationServiceTests
{
    private readonly InMemorySettingsStore _store = new();
    private readonly RecordingLogger<ConfigurationService> _logger = new();

    private ConfigurationService NewService() => new(_store, _logger);

    [Fact]
    public void ChangeConfiguration_UnknownKey_NotSupported()
    {
        Assert.Equal(ChangeConfigurationStatus.NotSupported, NewService().ChangeConfiguration("NoSuchKey", "1"));
    }

    [Fact]
    public void ChangeConfiguration_ReadOnlyKey_RejectedAndUnchanged()
    {
        var service = NewService();
        Assert.Equal(ChangeConfigurationStatus.Rejected, service.ChangeConfiguration(K.NumberOfConnectors, "2"));
        Assert.Equal("1", service.GetValue(K.NumberOfConnectors));
        Assert.Empty(_store.Values);
    }

    [Fact]
    public void TryChange_ReadOnlyKeyByStation_Accepted()
    {
        var service = NewService();
        var result = service.TryChange(K.NumberOfConnectors, "2", ConfigurationChangeOrigin.Station);
        Assert.Equal(ChangeConfigurationStatus.Accepted, result.Status);
        Assert.Equal(2, service.GetInt32(K.NumberOfConnectors));
    }

    [Fact]
    public void TryChange_OutOfRange_RejectedWithMessageNamingKeyAndRange()
    {
        var result = NewService().TryChange(K.LightIntensity, "150", ConfigurationChangeOrigin.Portal);
        Assert.Equal(ChangeConfigurationStatus.Rejected, result.Status);
        Assert.Contains("LightIntensity", result.Error, StringComparison.Ordinal);
        Assert.Contains("0..100", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(K.HeartbeatInterval, "abc")]
    [InlineData(K.HeartbeatInterval, "1.5")]
    [InlineData(K.HeartbeatInterval, "-1")]
    [InlineData(K.AuthorizationCacheEnabled, "yes")]
    [InlineData(K.AuthorizationCacheEnabled, "1")]
    [InlineData(K.MessageTransportLayer, "HTTP")]
    [InlineData(K.CentralSystemUrl, "http://cs.example.com/ocpp")]
    [InlineData(K.ConnectorPhaseRotation, "XYZ")]
    [InlineData(K.ConnectorPhaseRotation, "0.RST,1.RST")]
    [InlineData(K.TransactionMessageAttempts, "0")]
    [InlineData(K.MeterValuesSampledData, "SoC")]
    [InlineData(K.MeterValuesSampledData, "Voltage,Voltage")]
    public void ChangeConfiguration_InvalidValue_Rejected(string key, string value)
    {
        var service = NewService();
        var before = service.GetValue(key);
        Assert.Equal(ChangeConfigurationStatus.Rejected, service.ChangeConfiguration(key, value));
        Assert.Equal(before, service.GetValue(key));
    }

    [Fact]
    public void TryChange_UnsupportedMeasurand_MessageListsSupportedOnes()
    {
        var result = NewService().TryChange(K.MeterValuesSampledData, "Voltage,SoC", ConfigurationChangeOrigin.Portal);
        Assert.Equal(ChangeConfigurationStatus.Rejected, result.Status);
        Assert.Contains("MeterValuesSampledData", result.Error, StringComparison.Ordinal);
        Assert.Contains("'SoC'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Energy.Active.Import.Register", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeConfiguration_MeasurandsInOtherCase_StoredInOcppSpelling()
    {
        var service = NewService();
        Assert.Equal(ChangeConfigurationStatus.Accepted, service.ChangeConfiguration(K.MeterValuesSampledData, "voltage, current.import"));
        Assert.Equal(["Voltage", "Current.Import"], service.MeterValuesSampledData);
    }

    [Fact]
    public void ChangeConfiguration_MoreMembersThanMaxLength_Rejected()
    {
        var service = NewService();
        service.TryChange(K.MeterValuesSampledDataMaxLength, "2", ConfigurationChangeOrigin.Station);
        Assert.Equal(ChangeConfigurationStatus.Rejected, service.ChangeConfiguration(K.MeterValuesSampledData, "Voltage,Current.Import,Temperature"));
        Assert.Equal(ChangeConfigurationStatus.Accepted, service.ChangeConfiguration(K.MeterValuesSampledData, "Voltage,Current.Import"));
    }

    [Fact]
    public void ChangeConfiguration_BooleanInUpperCase_AcceptedAndNormalized()
    {
        var service = NewService();
        Assert.Equal(ChangeConfigurationStatus.Accepted, service.ChangeConfiguration(K.AuthorizationCacheEnabled, "FALSE"));
        Assert.Equal("false", service.GetValue(K.AuthorizationCacheEnabled));
        Assert.False(service.AuthorizationCacheEnabled);
    }

    [Fact]
    public void ChangeConfiguration_RebootKey_RebootRequiredAndStored()
    {
        var service = NewService();
        Assert.Equal(ChangeConfigurationStatus.RebootRequired, service.ChangeConfiguration(K.CentralSystemUrl, "wss://cs.example.com/ocpp"));
        Assert.Equal("wss://cs.example.com/ocpp", service.GetValue(K.CentralSystemUrl));
    }

    [Fact]
    public void ChangeConfiguration_RebootKeyToSameValue_Accepted()
    {
        var service = NewService();
        Assert.Equal(ChangeConfigurationStatus.Accepted, service.ChangeConfiguration(K.MessageTransportLayer, "WS"));
    }

    [Fact]
    public void TryChange_NonDefault_StoredUnderPrefix_BackToDefault_Removed()
    {
        var service = NewService();
        service.ChangeConfiguration(K.HeartbeatInterval, "300");
        Assert.Equal("300", _store.Values["ocpp.HeartbeatInterval"]);

        service.ChangeConfiguration(K.HeartbeatInterval, "0");
        Assert.False(_store.Values.ContainsKey("ocpp.HeartbeatInterval"));
    }

    [Fact]
    public void Constructor_StoredChange_SurvivesRestart()
    {
        NewService().ChangeConfiguration(K.MeterValueSampleInterval, "60");
        Assert.Equal(TimeSpan.FromSeconds(60), NewService().MeterValueSampleInterval);
    }

    [Fact]
    public void Constructor_StoredValueNoLongerValid_DefaultUsedAndWarned()
    {
        _store.Values["ocpp.LightIntensity"] = "900";
        _store.Values["ocpp.RemovedKey"] = "x";
        _store.Values["station.Other"] = "kept for others";
        var service = NewService();
        Assert.Equal(100, service.GetInt32(K.LightIntensity));
        Assert.Contains(_logger.Entries, e => e.Id.Id == 4300);
        Assert.Contains(_logger.Entries, e => e.Id.Id == 4301);
    }

    [Fact]
    public void Changed_HeartbeatIntervalChange_RaisedOnceWithOldAndNew()
    {
        var service = NewService();
        var seen = new List<ConfigurationChangedEventArgs>();
        service.Changed += (_, e) => seen.Add(e);

        service.ChangeConfiguration(K.HeartbeatInterval, "120");
        service.ChangeConfiguration(K.HeartbeatInterval, "120");

        var change = Assert.Single(seen);
        Assert.Equal((K.HeartbeatInterval, "0", "120"), (change.Key, change.OldValue, change.NewValue));
        Assert.Equal(TimeSpan.FromMinutes(2), service.HeartbeatInterval);
    }

    [Fact]
    public void Changed_ListenerThrows_ChangeStaysAndErrorLogged()
    {
        var service = NewService();
        service.Changed += (_, _) => throw new InvalidOperationException("listener bug");
        Assert.Equal(ChangeConfigurationStatus.Accepted, service.ChangeConfiguration(K.BlinkRepeat, "3"));
        Assert.Equal("3", service.GetValue(K.BlinkRepeat));
        Assert.Contains(_logger.Entries, e => e.Id.Id == 4305);
    }

    [Fact]
    public void GetConfiguration_NoKeys_EveryReadableKeyWithReadonlyFlag()
    {
        var result = NewService().GetConfiguration(null);
        Assert.False(result.TooManyKeys);
        Assert.Empty(result.UnknownKeys);
        Assert.Equal(ConfigurationCatalog.All.Count(d => d.Access != ConfigurationAccess.WriteOnly), result.ConfigurationKeys.Count);
        Assert.Contains(new ConfigurationKeyValue(K.NumberOfConnectors, true, "1"), result.ConfigurationKeys);
        Assert.Contains(new ConfigurationKeyValue(K.HeartbeatInterval, false, "0"), result.ConfigurationKeys);
        Assert.DoesNotContain(result.ConfigurationKeys, k => k.Key == K.AuthorizationKey);
    }

    [Fact]
    public void GetConfiguration_NamedKeys_KnownValuesAndUnknownKeysAsSpelled()
    {
        var service = NewService();
        service.ChangeConfiguration(K.AuthorizationKey, "0123456789abcdef");
        var result = service.GetConfiguration(["heartbeatinterval", "Foo", K.AuthorizationKey, "HeartbeatInterval"]);
        Assert.Equal([new ConfigurationKeyValue(K.HeartbeatInterval, false, "0")], result.ConfigurationKeys);
        Assert.Equal(["Foo", K.AuthorizationKey], result.UnknownKeys);
    }

    [Fact]
    public void GetConfiguration_MoreKeysThanGetConfigurationMaxKeys_TooManyKeys()
    {
        var keys = Enumerable.Range(0, 61).Select(i => $"Key{i}").ToList();
        var result = NewService().GetConfiguration(keys);
        Assert.True(result.TooManyKeys);
        Assert.Empty(result.ConfigurationKeys);
    }

    [Fact]
    public void GetValue_WriteOnlyKey_DaemonStillReadsIt()
    {
        var service = NewService();
        Assert.Equal(ChangeConfigurationStatus.Accepted, service.ChangeConfiguration(K.AuthorizationKey, "5365637265742D50617373776F72642D3136"));
        Assert.Equal("5365637265742D50617373776F72642D3136", service.GetValue(K.AuthorizationKey));
        Assert.Equal("", service.Describe().Single(s => s.Definition.Name == K.AuthorizationKey).Value);
    }

    [Fact]
    public void ResetToDefaults_AfterChanges_StoreEmptyAndListenersTold()
    {
        var service = NewService();
        service.ChangeConfiguration(K.HeartbeatInterval, "60");
        service.ChangeConfiguration(K.ConnectionTimeOut, "30");
        var seen = new List<string>();
        service.Changed += (_, e) => seen.Add(e.Key);

        service.ResetToDefaults();

        Assert.DoesNotContain(_store.Values.Keys, k => k.StartsWith("ocpp.", StringComparison.Ordinal));
        Assert.Equal([K.ConnectionTimeOut, K.HeartbeatInterval], seen.Order());
        Assert.Equal(TimeSpan.FromSeconds(900), service.ConnectionTimeOut);
    }

    [Fact]
    public void Validate_ValidValue_DoesNotStore()
    {
        var service = NewService();
        var result = service.Validate(K.HeartbeatInterval, "30", ConfigurationChangeOrigin.Portal);
        Assert.Equal(ChangeConfigurationStatus.Accepted, result.Status);
        Assert.Equal(TimeSpan.Zero, service.HeartbeatInterval);
    }

    [Fact]
    public void TypedGetters_Defaults_MatchCatalogue()
    {
        var service = NewService();
        Assert.Equal(10, service.TransactionMessageAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), service.TransactionMessageRetryInterval);
        Assert.Equal(-1, service.BootNotificationRetries);
        Assert.Equal(TimeSpan.FromSeconds(600), service.BootNotificationInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), service.PduTimeout);
        Assert.Equal(7360, service.MaxEnergyOnInvalidIdWh);
        Assert.Equal(4, service.StopTxnSampledData.Count);
    }
}
