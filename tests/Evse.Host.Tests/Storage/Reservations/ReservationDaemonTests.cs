using Evse.Core.Ports;
using Evse.Host.Storage;
using Evse.Host.Storage.Reservations;
using Evse.Host.Tests.Support;
using Evse.Ocpp.Reservation;
using Evse.Ocpp.Rpc;
using Evse.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using CoreReservation = Evse.Core.Authorization.Reservation;

namespace Evse.Host.Tests.Storage.Reservations;

/// <summary>The daemon with a Central System configured (never reachable here): the profiles are wired and reservations survive a restart.</summary>
public sealed class ReservationDaemonTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private static Dictionary<string, string> WithCentralSystem() => new()
    {
        ["Ocpp:CentralSystemUrl"] = "ws://127.0.0.1:9/ocpp",
        ["Ocpp:ChargePointId"] = "CP1",
    };

    [Fact]
    public async Task Start_StoredReservation_ConnectorReservedAndProfilesRegistered()
    {
        using (var database = new SqliteDatabase(_data.Path, NullLogger<SqliteDatabase>.Instance))
        using (var store = new SqliteReservationStore(() => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Pooling = false }.ToString())))
        {
            store.Save(new CoreReservation(7, 1, "CARD1", null, T0.AddHours(1)));
        }

        SqliteConnection.ClearAllPools();
        using var app = new EvseAppFactory(_data.Path, new FakeTimeProvider(T0), WithCentralSystem());
        using var client = app.CreateClient();

        var connector = await DaemonApi.WaitForStatusAsync(client, "Reserved");

        Assert.Equal("Reserved", connector.GetProperty("status").GetString());
        Assert.IsType<ReservationAuthorizer>(app.Services.GetRequiredService<IAuthorizer>());
        var actions = app.Services.GetRequiredService<OcppHandlerRegistry>().Actions;
        Assert.Contains("ReserveNow", actions);
        Assert.Contains("CancelReservation", actions);
        Assert.Contains("SendLocalList", actions);
        Assert.Contains("GetLocalListVersion", actions);
        Assert.Equal([7], app.Services.GetRequiredService<ReservationService>().Active.Select(r => r.ReservationId));
    }
}
