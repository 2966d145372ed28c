using Evse.Core.Ports;
using Evse.Ocpp.Authorization;
using Evse.Testing;

namespace Evse.Ocpp.Tests.Authorization;

public class LocalAuthorizationTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly LocalAuthorizationList _list;
    private readonly AuthorizationCache _cache;
    private readonly LocalAuthorization _local;
    private bool _listEnabled = true;

    public LocalAuthorizationTests()
    {
        _list = new LocalAuthorizationList(new InMemoryLocalAuthorizationListStore(), () => new(true, _listEnabled, 100, 100));
        _cache = new AuthorizationCache(new InMemoryAuthorizationCacheStore(), () => true, _time);
        _local = new LocalAuthorization(_list, _cache, _time);
    }

    [Fact]
    public void TryAuthorize_OnListAndInCache_ListWins()
    {
        _list.Apply(1, LocalListUpdateType.Full, [new("A", new IdTagInfo(AuthorizationStatus.Accepted))]);
        _cache.Update("A", new IdTagInfo(AuthorizationStatus.Blocked));
        Assert.True(_local.TryAuthorize("A", out var result));
        Assert.Equal((AuthorizationStatus.Accepted, LocalAuthorization.LocalListSource), (result.Status, result.Source));
    }

    [Fact]
    public void TryAuthorize_OnlyInCacheAndExpired_ExpiredFromCache()
    {
        _cache.Update("A", new IdTagInfo(AuthorizationStatus.Accepted, _time.GetUtcNow().AddMinutes(5)));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(_local.TryAuthorize("A", out var result));
        Assert.Equal((AuthorizationStatus.Expired, LocalAuthorization.CacheSource), (result.Status, result.Source));
    }

    [Fact]
    public void TryAuthorize_Unknown_False()
    {
        Assert.False(_local.TryAuthorize("nobody", out _));
    }

    [Fact]
    public void OnIdTagInfo_IdTagOnEnabledList_CacheUntouched()
    {
        _list.Apply(1, LocalListUpdateType.Full, [new("A", new IdTagInfo(AuthorizationStatus.Accepted))]);
        _local.OnIdTagInfo("A", new IdTagInfo(AuthorizationStatus.Blocked));
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void OnIdTagInfo_ListDisabled_CachedSoItWorksOffline()
    {
        _list.Apply(1, LocalListUpdateType.Full, [new("A", new IdTagInfo(AuthorizationStatus.Accepted))]);
        _listEnabled = false;
        _local.OnIdTagInfo("A", new IdTagInfo(AuthorizationStatus.Accepted));
        Assert.True(_local.TryAuthorize("A", out var result));
        Assert.Equal(LocalAuthorization.CacheSource, result.Source);
    }
}
