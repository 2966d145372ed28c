using Evse.Ocpp.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using K = Evse.Ocpp.Configuration.OcppConfigurationKeys;

namespace Evse.Ocpp.Tests.Configuration;

/// <summary>Audit items 10 and 11: hardware-decided keys and keys that would be accepted without any effect.</summary>
public sealed class StationLayoutAndInertKeysTests
{
    private static ConfigurationService NewService() => new(new InMemorySettingsStore(), NullLogger<ConfigurationService>.Instance);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void ApplyStationLayout_ConnectorCount_NumberOfConnectorsAndRotationListForEachConnectorPlusZero(int connectors)
    {
        var service = NewService();

        service.ApplyStationLayout(connectors);

        Assert.Equal(connectors.ToString(System.Globalization.CultureInfo.InvariantCulture), service.GetValue(K.NumberOfConnectors));
        var rotations = string.Join(',', Enumerable.Range(0, connectors + 1).Select(c => $"{c}.RST"));
        Assert.Equal(ChangeConfigurationStatus.Accepted, service.ChangeConfiguration(K.ConnectorPhaseRotation, rotations));
        Assert.Equal(rotations, service.GetValue(K.ConnectorPhaseRotation));
    }

    [Fact]
    public void ApplyStationLayout_ReadOnlyForTheCentralSystem_StillRejectsItsWrite()
    {
        var service = NewService();
        service.ApplyStationLayout(2);

        Assert.Equal(ChangeConfigurationStatus.Rejected, service.ChangeConfiguration(K.NumberOfConnectors, "3"));
        Assert.Equal("2", service.GetValue(K.NumberOfConnectors));
    }

    [Theory]
    [InlineData(K.BootNotificationRetries, "5")]
    [InlineData(K.DownloadFirmwareInterval, "300")]
    [InlineData(K.DownloadFirmwareRetries, "1")]
    [InlineData(K.UploadDiagnosticsInterval, "300")]
    [InlineData(K.UploadDiagnosticsRetries, "1")]
    public void ChangeConfiguration_KeyTheDaemonDoesNotApply_RejectedAsReadOnly(string key, string value)
    {
        var service = NewService();
        var before = service.GetValue(key);

        Assert.Equal(ChangeConfigurationStatus.Rejected, service.ChangeConfiguration(key, value));
        Assert.Equal(before, service.GetValue(key));
    }

    [Theory]
    [InlineData(K.DownloadFirmwareInterval, "60")]
    [InlineData(K.DownloadFirmwareRetries, "3")]
    [InlineData(K.UploadDiagnosticsInterval, "60")]
    [InlineData(K.UploadDiagnosticsRetries, "3")]
    public void GetValue_FirmwareRetryKeys_ReportWhatFirmwareManagementOptionsUses(string key, string expected)
    {
        var defaults = new Evse.Ocpp.Firmware.FirmwareManagementOptions();
        var actual = key.EndsWith("Interval", StringComparison.Ordinal)
            ? ((int)defaults.DefaultRetryInterval.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : defaults.DefaultRetries.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, NewService().GetValue(key));
        Assert.Equal(actual, NewService().GetValue(key));
    }
}
