using Evse.Core.Ports;
using Evse.Host.Storage;
using Evse.Host.Storage.Authorization;
using Evse.Host.Storage.Reservations;
using Evse.Host.Tests.Support;
using Evse.Ocpp.Authorization;
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

    private void Seed(CoreReservation reservation, params LocalAuthorizationListEntry[] localList)
    {
        using (var database = new SqliteDatabase(_data.Path, NullLogger<SqliteDatabase>.Instance))
        {
            SqliteConnection Open() => new(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Pooling = false }.ToString());
            using var store = new SqliteReservationStore(Open);
            store.Save(reservation);
            using var list = new SqliteLocalAuthorizationListStore(Open);
            list.Replace(new LocalListSnapshot(1, localList));
        }

        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Cards_OfflineOnConnectorReservedForAGroup_StrangerRefusedGroupMemberChargesAndUsesIt()
    {
        Seed(
            new CoreReservation(7, 1, "04A0A0A0A0", "FLEET", T0.AddHours(1)),
            new LocalAuthorizationListEntry("04C41D0001", new IdTagInfo(AuthorizationStatus.Accepted, null, "FLEET")),
            new LocalAuthorizationListEntry("04E0E0E0E0", new IdTagInfo(AuthorizationStatus.Accepted, null, "OTHERS")));
        using var app = new EvseAppFactory(_data.Path, new FakeTimeProvider(T0), WithCentralSystem());
        using var client = app.CreateClient();
        await DaemonApi.WaitForStatusAsync(client, "Reserved");
        var reservations = app.Services.GetRequiredService<ReservationService>();

        // Offline, the local list accepts both cards (LocalAuthorizeOffline); the reservation refuses the stranger.
        await DaemonApi.PostAsync(client, "/api/sim/rfid", new { uid = "04E0E0E0E0" });
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("Reserved", (await DaemonApi.ConnectorAsync(client)).GetProperty("status").GetString());

        await DaemonApi.PostAsync(client, "/api/sim/rfid", new { uid = "04C41D0001" });
        await DaemonApi.WaitForStatusAsync(client, "Preparing");
        await DaemonApi.PostAsync(client, "/api/sim/connectors/1/ev", new { state = "C", maxCurrentAmps = 16, phases = 1 });
        await DaemonApi.WaitForStatusAsync(client, "Charging");

        await Eventually.True(() => reservations.Active.Count == 0, "the reservation to be used up by the session");
    }

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
