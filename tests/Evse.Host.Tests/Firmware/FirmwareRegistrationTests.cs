using Evse.Host.Tests.Support;
using Evse.Ocpp.Firmware;
using Evse.Ocpp.Rpc;
using Microsoft.Extensions.DependencyInjection;

namespace Evse.Host.Tests.Firmware;

public sealed class FirmwareRegistrationTests
{
    [Fact]
    public void AddEvseOcpp_CentralSystemConfigured_RegistersFirmwareActionsUnderDataDirectory()
    {
        using var data = new TempDirectory();
        using var factory = new EvseAppFactory(data.Path, settings: new Dictionary<string, string>
        {
            ["Ocpp:CentralSystemUrl"] = "ws://127.0.0.1:9/ocpp",
            ["Ocpp:ChargePointId"] = "CP1",
        });
        // Unreachable Central System: the connection failures are expected, not what this test checks.
        factory.ExpectErrors = true;

        _ = factory.Services.GetRequiredService<FirmwareManagementHandlers>();
        var registry = factory.Services.GetRequiredService<OcppHandlerRegistry>();
        var options = factory.Services.GetRequiredService<FirmwareManagementOptions>();

        Assert.Contains("UpdateFirmware", registry.Actions);
        Assert.Contains("GetDiagnostics", registry.Actions);
        Assert.Equal(Path.Combine(data.Path, "update"), options.UpdateDirectory);
    }
}
