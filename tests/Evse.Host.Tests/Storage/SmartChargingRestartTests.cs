using Evse.Core.Control;
using Evse.Core.Limits;
using Evse.Host.Tests.Support;
using Evse.Ocpp.Messages;
using Evse.Ocpp.SmartCharging;
using Evse.Ocpp.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Evse.Host.Tests.Storage;

/// <summary>The daemon with OCPP on a loopback link (never online): a charging profile reaches the connector's limit and survives a restart.</summary>
public sealed class SmartChargingRestartTests : IDisposable
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Ocpp:CentralSystemUrl"] = "ws://127.0.0.1:9/ocpp",
        ["Ocpp:ChargePointId"] = "CP1",
    };

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private EvseAppFactory Start() =>
        new(_data.Path, settings: Settings, services: s => s.AddSingleton<IOcppTransport>(new LoopbackTransport()));

    private static Task<LimitContributor> SmartChargingLimitAsync(EvseAppFactory app, double amps) =>
        Eventually.Get(
            () => app.Services.GetRequiredService<StationController>().Find(1)!.Snapshot.Limit?.Trace.FirstOrDefault(c => c.Source == LimitSource.SmartCharging),
            c => c is not null && Math.Abs(c.Amps - amps) < 1e-9,
            $"a smart-charging limit of {amps} A on connector 1")!;

    [Fact]
    public async Task SetChargingProfile_ThenRestart_LimitStillApplied()
    {
        var profile = new ChargingProfile
        {
            ChargingProfileId = 5,
            StackLevel = 0,
            ChargingProfilePurpose = ChargingProfilePurpose.TxDefaultProfile,
            ChargingProfileKind = ChargingProfileKind.Relative,
            ChargingSchedule = new ChargingSchedule { ChargingRateUnit = ChargingRateUnit.A, ChargingSchedulePeriod = [new() { StartPeriod = 0, Limit = 10m }] },
        };
        using (var first = Start())
        {
            using var client = first.CreateClient();
            await first.AdvanceAsync(TimeSpan.FromSeconds(1));

            Assert.Equal(ChargingProfileStatus.Accepted, first.Services.GetRequiredService<SmartChargingService>().SetChargingProfile(1, profile));
            await first.AdvanceAsync(TimeSpan.FromSeconds(2));
            await SmartChargingLimitAsync(first, 10);
        }

        using var second = Start();
        using var again = second.CreateClient();
        await second.AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(5, Assert.Single(second.Services.GetRequiredService<SmartChargingService>().Profiles).Id);
        var limit = await SmartChargingLimitAsync(second, 10);
        Assert.Contains("TxDefaultProfile 5", limit.Detail, StringComparison.Ordinal);
    }
}
