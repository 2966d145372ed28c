using Evse.Host.Storage.Authorization;
using Evse.Ocpp.Reservation;
using Microsoft.Data.Sqlite;
using CoreReservation = Evse.Core.Authorization.Reservation;

namespace Evse.Host.Storage.Reservations;

/// <summary><see cref="IReservationStore"/> in SQLite, so an accepted ReserveNow survives a restart or a power cut.</summary>
public sealed class SqliteReservationStore : IReservationStore, IDisposable
{
    /// <summary>The schema, for one migration step (idempotent).</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS ocpp_reservations (
            reservation_id INTEGER PRIMARY KEY NOT NULL,
            connector_id   INTEGER NOT NULL,
            id_tag         TEXT NOT NULL,
            parent_id_tag  TEXT NULL,
            expiry_date    TEXT NOT NULL
        );
        """;

    private readonly SqliteAuthorizationConnection _db;

    public SqliteReservationStore(Func<SqliteConnection> openConnection) => _db = new SqliteAuthorizationConnection(openConnection);

    public IReadOnlyList<CoreReservation> Load() => _db.Read(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT reservation_id, connector_id, id_tag, parent_id_tag, expiry_date FROM ocpp_reservations ORDER BY reservation_id;";
        using var reader = command.ExecuteReader();
        var reservations = new List<CoreReservation>();
        while (reader.Read())
        {
            reservations.Add(new CoreReservation(
                reader.GetInt32(0),
                reader.GetInt32(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                SqliteAuthorizationConnection.ParseStamp(reader.GetString(4))));
        }

        return reservations;
    });

    public void Save(CoreReservation reservation)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        _db.Write((c, t) => SqliteAuthorizationConnection.Execute(
            c,
            t,
            """
            INSERT INTO ocpp_reservations (reservation_id, connector_id, id_tag, parent_id_tag, expiry_date)
            VALUES ($id, $connector, $tag, $parent, $expiry)
            ON CONFLICT (reservation_id) DO UPDATE SET connector_id = excluded.connector_id, id_tag = excluded.id_tag,
                parent_id_tag = excluded.parent_id_tag, expiry_date = excluded.expiry_date;
            """,
            ("$id", reservation.ReservationId),
            ("$connector", reservation.ConnectorId),
            ("$tag", reservation.IdTag),
            ("$parent", reservation.ParentIdTag),
            ("$expiry", SqliteAuthorizationConnection.Stamp(reservation.ExpiryDate))));
    }

    public void Delete(int reservationId) =>
        _db.Write((c, t) => SqliteAuthorizationConnection.Execute(c, t, "DELETE FROM ocpp_reservations WHERE reservation_id = $id;", ("$id", reservationId)));

    public void Dispose() => _db.Dispose();
}
