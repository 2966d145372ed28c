using Evse.Host.Storage;
using Evse.Host.Tests.Support;
using Evse.Ocpp.Messages;
using Evse.Ocpp.SmartCharging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Host.Tests.Storage;

public sealed class SqliteChargingProfileStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 22, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();
    private readonly string _file;

    public SqliteChargingProfileStoreTests()
    {
        // The migrations create the table, as in the daemon.
        using var db = new SqliteDatabase(_data.Path, NullLogger<SqliteDatabase>.Instance);
        _file = db.FilePath;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private SqliteConnection Open() => new(new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());

    private static ChargingProfile Night(int id, int stackLevel) => new()
    {
        ChargingProfileId = id,
        StackLevel = stackLevel,
        ChargingProfilePurpose = ChargingProfilePurpose.TxDefaultProfile,
        ChargingProfileKind = ChargingProfileKind.Recurring,
        RecurrencyKind = RecurrencyKind.Daily,
        ValidFrom = T0.AddDays(-1),
        ValidTo = T0.AddDays(30),
        ChargingSchedule = new ChargingSchedule
        {
            Duration = 8 * 3600,
            StartSchedule = T0,
            ChargingRateUnit = ChargingRateUnit.W,
            ChargingSchedulePeriod = [new() { StartPeriod = 0, Limit = 7360.5m, NumberPhases = 1 }, new() { StartPeriod = 3600, Limit = 3680m }],
            MinChargingRate = 1380m,
        },
    };

    [Fact]
    public void Replace_ThenReopen_ProfilesRestoredExactlyInOrder()
    {
        InstalledChargingProfile[] profiles =
        [
            new(0, Night(9, 1)),
            new(1, Night(3, 0) with { ChargingProfilePurpose = ChargingProfilePurpose.TxProfile, TransactionId = 77 }, RecordId: 12),
        ];
        using (var store = new SqliteChargingProfileStore(Open))
        {
            store.Replace(profiles);
        }

        using var reopened = new SqliteChargingProfileStore(Open);
        var restored = reopened.Load();

        Assert.Equal([9, 3], restored.Select(p => p.Id));
        Assert.Equal(profiles[0].ConnectorId, restored[0].ConnectorId);
        Assert.Null(restored[0].RecordId);
        Assert.Equal(12, restored[1].RecordId);
        Assert.Equal(77, restored[1].Profile.TransactionId);
        Assert.Equal(profiles[0].Profile.ChargingSchedule.ChargingSchedulePeriod, restored[0].Profile.ChargingSchedule.ChargingSchedulePeriod);
        Assert.Equal(profiles[0].Profile with { ChargingSchedule = null! }, restored[0].Profile with { ChargingSchedule = null! });
        Assert.Equal(1380m, restored[0].Profile.ChargingSchedule.MinChargingRate);
    }

    [Fact]
    public void Replace_WithFewer_OldRowsGone()
    {
        using var store = new SqliteChargingProfileStore(Open);
        store.Replace([new(0, Night(1, 0)), new(0, Night(2, 1))]);

        store.Replace([new(0, Night(2, 1))]);

        Assert.Equal(2, Assert.Single(store.Load()).Id);
    }

    [Fact]
    public void Load_FreshDatabase_Empty()
    {
        using var store = new SqliteChargingProfileStore(Open);

        Assert.Empty(store.Load());
    }
}
