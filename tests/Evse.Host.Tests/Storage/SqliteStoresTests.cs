using Evse.Core.Charging;
using Evse.Core.Protection;
using Evse.Host.Storage;
using Evse.Host.Tests.Support;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Host.Tests.Storage;

public sealed class SqliteStoresTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Open_NewDirectory_MigratesToNewestVersionInWalMode()
    {
        using var db = Open();

        Assert.Equal(Migrations.All.Max(m => m.Version), db.SchemaVersion);
        Assert.Equal("wal", db.Read(c => c.Query("PRAGMA journal_mode;", r => r.GetString(0)).Single()));
        Assert.Equal(2L, db.Read(c => c.Query("PRAGMA synchronous;", r => r.GetInt64(0)).Single()));
    }

    [Fact]
    public void Open_DatabaseFromANewerDaemon_RefusesWithAClearMessage()
    {
        using (var db = Open())
        {
            db.Write((c, t) => c.Execute("PRAGMA user_version = 99;", t));
        }

        var error = Assert.Throws<InvalidOperationException>(() => Open());
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Twice_AppliesEachMigrationOnce()
    {
        using (Open())
        {
        }

        using var again = Open();
        Assert.Equal(Migrations.All.Max(m => m.Version), again.SchemaVersion);
    }

    [Fact]
    public void ChargingRecord_BeginProgressEnd_RoundTrips()
    {
        using var db = Open();
        var store = new SqliteChargingRecordStore(db);

        var id = store.Begin(1, "04A1B2C3D4", T0, 1000);
        store.RecordProgress(id, 1500, T0.AddMinutes(10));
        store.End(id, T0.AddMinutes(20), 2000, StopReason.EVDisconnected);

        var record = store.Find(id)!;
        Assert.Equal("04A1B2C3D4", record.IdTag);
        Assert.Equal(T0, record.StartedAt);
        Assert.Equal(T0.AddMinutes(20), record.StoppedAt);
        Assert.Equal(StopReason.EVDisconnected, record.Reason);
        Assert.Equal(1000, record.EnergyWh);
    }

    [Fact]
    public void ChargingRecord_ProgressGoingBackwards_IsIgnored()
    {
        using var db = Open();
        var store = new SqliteChargingRecordStore(db);
        var id = store.Begin(1, "TAG", T0, 1000);

        store.RecordProgress(id, 1500, T0.AddMinutes(1));
        store.RecordProgress(id, 1200, T0.AddMinutes(2));

        Assert.Equal(1500, store.Find(id)!.MeterLastWh);
    }

    [Fact]
    public void ChargingRecord_EndedTwice_KeepsTheFirstEnd()
    {
        using var db = Open();
        var store = new SqliteChargingRecordStore(db);
        var id = store.Begin(1, "TAG", T0, 0);

        store.End(id, T0.AddMinutes(1), 100, StopReason.Local);
        store.End(id, T0.AddMinutes(2), 200, StopReason.Remote);

        Assert.Equal(StopReason.Local, store.Find(id)!.Reason);
        Assert.Equal(T0.AddMinutes(1), store.Find(id)!.StoppedAt);
    }

    [Fact]
    public void EndInterrupted_AfterReopen_EndsOpenSessionsWithPowerLossAtLastProgress()
    {
        long open;
        long closed;
        using (var db = Open())
        {
            var store = new SqliteChargingRecordStore(db);
            closed = store.Begin(1, "DONE", T0, 0);
            store.End(closed, T0.AddMinutes(5), 50, StopReason.Local);
            open = store.Begin(1, "RUNNING", T0.AddMinutes(10), 50);
            store.RecordProgress(open, 800, T0.AddMinutes(30));
        }

        using var reopened = Open();
        var records = new SqliteChargingRecordStore(reopened);
        var ended = records.EndInterrupted();

        var record = Assert.Single(ended);
        Assert.Equal(open, record.Id);
        Assert.Equal(StopReason.PowerLoss, record.Reason);
        Assert.Equal(750, record.EnergyWh);
        Assert.Equal(T0.AddMinutes(30), records.Find(open)!.StoppedAt);
        Assert.Equal(StopReason.Local, records.Find(closed)!.Reason);
        Assert.Empty(records.EndInterrupted());
    }

    [Fact]
    public void List_PagesNewestFirst()
    {
        using var db = Open();
        var store = new SqliteChargingRecordStore(db);
        var ids = Enumerable.Range(0, 5).Select(i => store.Begin(1, $"TAG{i}", T0.AddMinutes(i), 0)).ToList();

        var first = store.List(2);
        var second = store.List(2, first[^1].Id);

        Assert.Equal([ids[4], ids[3]], first.Select(r => r.Id));
        Assert.Equal([ids[2], ids[1]], second.Select(r => r.Id));
    }

    [Fact]
    public void LastMeterWh_IsTheHighestRegisterOfTheConnector()
    {
        using var db = Open();
        var store = new SqliteChargingRecordStore(db);
        var a = store.Begin(1, "A", T0, 0);
        store.End(a, T0.AddMinutes(1), 500, StopReason.Local);
        store.Begin(2, "B", T0, 9000);

        Assert.Equal(500, store.LastMeterWh(1));
        Assert.Equal(9000, store.LastMeterWh(2));
        Assert.Equal(0, store.LastMeterWh(3));
    }

    [Fact]
    public void FaultRecords_OpenCloseAndCloseAllOpen()
    {
        using var db = Open();
        var store = new SqliteFaultRecordStore(db);
        var a = store.Open(1, FaultCode.OverCurrent, "Overcurrent Protection Fault", T0);
        store.Open(1, FaultCode.CpVoltageAbnormal, "CP voltage abnormal", T0.AddMinutes(1));

        store.Close(a, T0.AddMinutes(2));
        Assert.Equal(1, store.CloseAllOpen(T0.AddMinutes(3)));

        var list = store.List(10);
        Assert.Equal([FaultCode.CpVoltageAbnormal, FaultCode.OverCurrent], list.Select(f => f.Code));
        Assert.Equal(T0.AddMinutes(3), list[0].EndedAt);
        Assert.Equal(T0.AddMinutes(2), list[1].EndedAt);
    }

    [Fact]
    public void Settings_SaveOverwriteRemoveClear()
    {
        using var db = Open();
        var store = new SqliteSettingsStore(db, new FakeTimeProvider());

        store.Save("HeartbeatInterval", "300");
        store.Save("HeartbeatInterval", "600");
        store.Save("Station:PlugAndChargeId", "FREEVEND01");
        Assert.Equal("600", store.LoadAll()["HeartbeatInterval"]);

        store.Remove("HeartbeatInterval");
        Assert.Equal(["Station:PlugAndChargeId"], store.LoadAll().Keys);
        store.Clear();
        Assert.Empty(store.LoadAll());
    }

    private SqliteDatabase Open() => new(_data.Path, NullLogger<SqliteDatabase>.Instance);
}
