namespace Evse.Host.Storage;

/// <summary>The schema history, oldest first. Append only: a shipped step is never edited.</summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "settings, charging and fault records", """
            CREATE TABLE settings (
                key        TEXT PRIMARY KEY NOT NULL,
                value      TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE charging_records (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                connector_id    INTEGER NOT NULL,
                id_tag          TEXT NOT NULL,
                started_at      TEXT NOT NULL,
                meter_start_wh  REAL NOT NULL,
                meter_last_wh   REAL NOT NULL,
                last_updated_at TEXT NOT NULL,
                stopped_at      TEXT NULL,
                stop_reason     TEXT NULL
            );
            CREATE INDEX charging_records_open ON charging_records (stopped_at) WHERE stopped_at IS NULL;
            CREATE TABLE fault_records (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                connector_id INTEGER NOT NULL,
                code         TEXT NOT NULL,
                description  TEXT NOT NULL,
                started_at   TEXT NOT NULL,
                ended_at     TEXT NULL
            );
            CREATE INDEX fault_records_open ON fault_records (ended_at) WHERE ended_at IS NULL;
            """),
        new(2, "OCPP transaction message outbox", Outbox.SqliteOutboxStore.Schema),
        new(3, "OCPP authorization cache", Authorization.SqliteAuthorizationCacheStore.Schema),
        new(4, "OCPP local authorization list", Authorization.SqliteLocalAuthorizationListStore.Schema),
        new(5, "OCPP reservations", Reservations.SqliteReservationStore.Schema),
        new(6, "OCPP smart-charging profiles", SqliteChargingProfileStore.Schema),
    ];
}
