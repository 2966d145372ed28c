using Evse.Core.Ports;
using Evse.Host.Storage.Authorization;
using Evse.Ocpp.Authorization;
using Evse.Testing;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Tests.Storage.Authorization;

public sealed class SqliteAuthorizationStoresTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "evse-auth-" + Guid.NewGuid().ToString("N"));
    private readonly string _file;
    private readonly FakeTimeProvider _time = new();

    public SqliteAuthorizationStoresTests()
    {
        Directory.CreateDirectory(_directory);
        _file = Path.Combine(_directory, "evse.db");
        using var connection = Open();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;" + SqliteAuthorizationCacheStore.Schema + SqliteLocalAuthorizationListStore.Schema;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private SqliteConnection Open() => new(new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());

    [Fact]
    public void AuthorizationCache_AfterReboot_EntriesWithExpiryAndParentRestored()
    {
        var expiry = _time.GetUtcNow().AddDays(3);
        using (var store = new SqliteAuthorizationCacheStore(Open))
        {
            var cache = new AuthorizationCache(store, () => true, _time);
            cache.Update("04AABB", new IdTagInfo(AuthorizationStatus.Accepted, expiry, "FLEET"));
            cache.Update("BAD", new IdTagInfo(AuthorizationStatus.Blocked));
            cache.Update("BAD", new IdTagInfo(AuthorizationStatus.Invalid));
        }

        using var reopened = new SqliteAuthorizationCacheStore(Open);
        var restored = new AuthorizationCache(reopened, () => true, _time);
        Assert.True(restored.TryGet("04aabb", out var info));
        Assert.Equal(new IdTagInfo(AuthorizationStatus.Accepted, expiry, "FLEET"), info);
        Assert.True(restored.TryGet("BAD", out var bad));
        Assert.Equal(AuthorizationStatus.Invalid, bad.Status);
        Assert.Equal(2, restored.Count);
    }

    [Fact]
    public void AuthorizationCache_ClearThenReboot_Empty()
    {
        using (var store = new SqliteAuthorizationCacheStore(Open))
        {
            var cache = new AuthorizationCache(store, () => true, _time);
            cache.Update("A", new IdTagInfo(AuthorizationStatus.Accepted));
            cache.Clear();
        }

        using var reopened = new SqliteAuthorizationCacheStore(Open);
        Assert.Empty(reopened.LoadAll());
    }

    [Fact]
    public void LocalList_AfterReboot_VersionAndEntriesRestored()
    {
        var limits = new LocalAuthorizationListLimits(true, true, 100, 100);
        using (var store = new SqliteLocalAuthorizationListStore(Open))
        {
            var list = new LocalAuthorizationList(store, () => limits);
            list.Apply(4, LocalListUpdateType.Full, [new("A", new IdTagInfo(AuthorizationStatus.Accepted)), new("B", new IdTagInfo(AuthorizationStatus.Blocked))]);
            list.Apply(5, LocalListUpdateType.Differential, [new("A", null)]);
        }

        using var reopened = new SqliteLocalAuthorizationListStore(Open);
        var restored = new LocalAuthorizationList(reopened, () => limits);
        Assert.Equal(5, restored.Version);
        Assert.False(restored.TryGet("A", out _));
        Assert.True(restored.TryGet("b", out var b));
        Assert.Equal(AuthorizationStatus.Blocked, b.Status);
    }

    [Fact]
    public void LocalList_FreshDatabase_EmptyAtVersionZero()
    {
        using var store = new SqliteLocalAuthorizationListStore(Open);
        Assert.Equal(LocalListSnapshot.Empty.Version, store.Load().Version);
        Assert.Empty(store.Load().Entries);
    }
}
