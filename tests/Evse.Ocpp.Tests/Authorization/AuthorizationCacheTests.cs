using Evse.Core.Ports;
using Evse.Ocpp.Authorization;
using Evse.Testing;

namespace Evse.Ocpp.Tests.Authorization;

public class AuthorizationCacheTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryAuthorizationCacheStore _store = new();
    private bool _enabled = true;

    private AuthorizationCache NewCache(int capacity = 10) => new(_store, () => _enabled, _time, capacity);

    [Fact]
    public void TryGet_AfterUpdate_ReturnsInfoCaseInsensitively()
    {
        var cache = NewCache();
        cache.Update("04A1B2C3", new IdTagInfo(AuthorizationStatus.Accepted));
        Assert.True(cache.TryGet("04a1b2c3", out var info));
        Assert.Equal(AuthorizationStatus.Accepted, info.Status);
    }

    [Fact]
    public void TryGet_Disabled_FalseAndUpdatesIgnored()
    {
        var cache = NewCache();
        cache.Update("A", new IdTagInfo(AuthorizationStatus.Accepted));
        _enabled = false;
        cache.Update("B", new IdTagInfo(AuthorizationStatus.Accepted));
        Assert.False(cache.TryGet("A", out _));
        _enabled = true;
        Assert.False(cache.TryGet("B", out _));
        Assert.True(cache.TryGet("A", out _));
    }

    [Fact]
    public void StatusAt_PastExpiry_Expired()
    {
        var cache = NewCache();
        cache.Update("A", new IdTagInfo(AuthorizationStatus.Accepted, _time.GetUtcNow().AddHours(1)));
        _time.Advance(TimeSpan.FromHours(2));
        Assert.True(cache.TryGet("A", out var info));
        Assert.Equal(AuthorizationStatus.Expired, info.StatusAt(_time.GetUtcNow()));
    }

    [Fact]
    public void Update_StopTransactionSaysBlocked_Overwrites()
    {
        var cache = NewCache();
        cache.Update("A", new IdTagInfo(AuthorizationStatus.Accepted));
        cache.Update("A", new IdTagInfo(AuthorizationStatus.Blocked));
        Assert.True(cache.TryGet("A", out var info));
        Assert.Equal(AuthorizationStatus.Blocked, info.Status);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Update_Full_EvictsInvalidFirstThenLeastRecentlyUsed()
    {
        var cache = NewCache(capacity: 3);
        cache.Update("old", new IdTagInfo(AuthorizationStatus.Accepted));
        _time.Advance(TimeSpan.FromMinutes(1));
        cache.Update("blocked", new IdTagInfo(AuthorizationStatus.Blocked));
        _time.Advance(TimeSpan.FromMinutes(1));
        cache.Update("recent", new IdTagInfo(AuthorizationStatus.Accepted));

        cache.Update("new1", new IdTagInfo(AuthorizationStatus.Accepted));
        Assert.False(cache.TryGet("blocked", out _));

        _time.Advance(TimeSpan.FromMinutes(1));
        cache.TryGet("recent", out _);
        cache.Update("new2", new IdTagInfo(AuthorizationStatus.Accepted));
        Assert.False(cache.TryGet("old", out _));
        Assert.True(cache.TryGet("recent", out _));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Constructor_StoreHasEntries_CacheSurvivesReboot()
    {
        NewCache().Update("A", new IdTagInfo(AuthorizationStatus.Accepted, null, "PARENT"));
        Assert.True(NewCache().TryGet("A", out var info));
        Assert.Equal("PARENT", info.ParentIdTag);
    }

    [Fact]
    public void Clear_WithEntries_AcceptedAndEmptyAfterReboot()
    {
        var cache = NewCache();
        cache.Update("A", new IdTagInfo(AuthorizationStatus.Accepted));
        Assert.Equal(ClearCacheStatus.Accepted, cache.Clear());
        Assert.Equal(0, NewCache().Count);
    }
}
