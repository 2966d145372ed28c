using Evse.Host.Storage;
using Evse.Host.Storage.Reservations;
using Evse.Host.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using CoreReservation = Evse.Core.Authorization.Reservation;

namespace Evse.Host.Tests.Storage.Reservations;

public sealed class SqliteReservationStoreTests : IDisposable
{
    private static readonly DateTimeOffset Expiry = new(2026, 5, 1, 10, 30, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();
    private readonly SqliteDatabase _database;

    public SqliteReservationStoreTests() => _database = new SqliteDatabase(_data.Path, NullLogger<SqliteDatabase>.Instance);

    public void Dispose()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private SqliteReservationStore OpenStore() =>
        new(() => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.FilePath, Pooling = false }.ToString()));

    [Fact]
    public void Load_AfterRestart_ReservationsWithParentAndExpiryRestored()
    {
        using (var store = OpenStore())
        {
            store.Save(new CoreReservation(7, 1, "CARD1", "FLEET", Expiry));
            store.Save(new CoreReservation(8, 0, "CARD2", null, Expiry.AddMinutes(5)));
        }

        using var reopened = OpenStore();
        Assert.Equal(
            [new CoreReservation(7, 1, "CARD1", "FLEET", Expiry), new CoreReservation(8, 0, "CARD2", null, Expiry.AddMinutes(5))],
            reopened.Load());
    }

    [Fact]
    public void Save_SameReservationId_ReplacesTheRow()
    {
        using var store = OpenStore();
        store.Save(new CoreReservation(7, 1, "CARD1", null, Expiry));

        store.Save(new CoreReservation(7, 2, "CARD9", "GROUP", Expiry.AddHours(1)));

        Assert.Equal([new CoreReservation(7, 2, "CARD9", "GROUP", Expiry.AddHours(1))], store.Load());
    }

    [Fact]
    public void Delete_KnownAndUnknownIds_OnlyTheKnownRowGoes()
    {
        using var store = OpenStore();
        store.Save(new CoreReservation(7, 1, "CARD1", null, Expiry));
        store.Save(new CoreReservation(8, 2, "CARD2", null, Expiry));

        store.Delete(7);
        store.Delete(99);

        Assert.Equal([8], store.Load().Select(r => r.ReservationId));
    }

    [Fact]
    public void Migrations_Newest_CreatesTheReservationTable()
    {
        Assert.Contains(Migrations.All, m => m.Sql.Contains("ocpp_reservations", StringComparison.Ordinal));
        Assert.Equal(1L, _database.Read(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'ocpp_reservations';";
            return (long)command.ExecuteScalar()!;
        }));
    }
}
