using Evse.Core.Authorization;
using Evse.Core.Ports;

namespace Evse.Core.Tests.Authorization;

public class AuthorizationDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static AuthorizationContext Context(
        bool online,
        AuthorizationSettings? settings = null,
        (string Id, IdTagInfo Info)[]? list = null,
        (string Id, IdTagInfo Info)[]? cache = null) =>
        new(
            online,
            settings ?? AuthorizationSettings.Default,
            (list ?? []).ToDictionary(e => e.Id, e => e.Info, StringComparer.OrdinalIgnoreCase),
            (cache ?? []).ToDictionary(e => e.Id, e => e.Info, StringComparer.OrdinalIgnoreCase));

    private static readonly IdTagInfo Valid = new(AuthorizationStatus.Accepted, Now.AddDays(30), "FLEET");
    private static readonly IdTagInfo Blocked = new(AuthorizationStatus.Blocked);
    private static readonly IdTagInfo Lapsed = new(AuthorizationStatus.Accepted, Now.AddMinutes(-1));

    [Fact]
    public void Decide_OnlineLocalListValidWithPreAuthorize_AcceptsFromLocalList()
    {
        var step = AuthorizationDecider.Decide("card1", Context(true, list: [("CARD1", Valid)]), Now);
        Assert.Equal(new AuthorizationOutcome(AuthorizationStatus.Accepted, "LocalList", "FLEET"), step.Outcome);
        Assert.Equal("FLEET", step.Info!.ParentIdTag);
    }

    [Fact]
    public void Decide_LocalListWinsOverCache()
    {
        var step = AuthorizationDecider.Decide("card1", Context(false, list: [("card1", Blocked)], cache: [("card1", Valid)]), Now);
        Assert.Equal(AuthorizationStatus.Blocked, step.Outcome!.Status);
        Assert.Equal("LocalList", step.Outcome.Source);
    }

    [Fact]
    public void Decide_OnlineCachedValidWithPreAuthorize_AcceptsFromCache()
    {
        var step = AuthorizationDecider.Decide("card1", Context(true, cache: [("card1", Valid)]), Now);
        Assert.Equal("Cache", step.Outcome!.Source);
    }

    [Fact]
    public void Decide_OnlineWithoutPreAuthorize_AsksCentralSystemWithTimeout()
    {
        var settings = AuthorizationSettings.Default with { LocalPreAuthorize = false };
        var step = AuthorizationDecider.Decide("card1", Context(true, settings, list: [("card1", Valid)]), Now);
        Assert.False(step.Decided);
        Assert.Equal(Now.AddSeconds(60), step.AskCentralSystemUntil);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("blocked")]
    [InlineData("lapsed")]
    public void Decide_OnlineUnknownOrNotValid_AsksCentralSystem(string id)
    {
        var step = AuthorizationDecider.Decide(id, Context(true, list: [("blocked", Blocked), ("lapsed", Lapsed)]), Now);
        Assert.False(step.Decided);
    }

    [Fact]
    public void Decide_DisabledLocalListAndCache_AreIgnored()
    {
        var settings = AuthorizationSettings.Default with { LocalAuthListEnabled = false, AuthorizationCacheEnabled = false };
        var step = AuthorizationDecider.Decide("card1", Context(true, settings, list: [("card1", Valid)], cache: [("card1", Valid)]), Now);
        Assert.False(step.Decided);
    }

    [Fact]
    public void OnCentralSystemAnswer_StoresTheAnswerInTheCache()
    {
        var step = AuthorizationDecider.OnCentralSystemAnswer(Valid, Context(true), Now);
        Assert.Equal(new AuthorizationOutcome(AuthorizationStatus.Accepted, "CentralSystem", "FLEET"), step.Outcome);
        Assert.Equal(Valid, step.CacheUpdate);
    }

    [Fact]
    public void OnCentralSystemAnswer_CacheDisabled_StoresNothing()
    {
        var step = AuthorizationDecider.OnCentralSystemAnswer(Valid, Context(true, AuthorizationSettings.Default with { AuthorizationCacheEnabled = false }), Now);
        Assert.Null(step.CacheUpdate);
    }

    [Fact]
    public void OnCentralSystemAnswer_AlreadyExpired_IsExpired()
    {
        Assert.Equal(AuthorizationStatus.Expired, AuthorizationDecider.OnCentralSystemAnswer(Lapsed, Context(true), Now).Outcome!.Status);
    }

    [Theory]
    [InlineData(true, AuthorizationStatus.Accepted, "LocalList")]
    [InlineData(false, AuthorizationStatus.Invalid, "Offline")]
    public void Decide_OfflineValidLocalEntry_FollowsLocalAuthorizeOffline(bool localAuthorizeOffline, AuthorizationStatus expected, string source)
    {
        var settings = AuthorizationSettings.Default with { LocalAuthorizeOffline = localAuthorizeOffline, AllowOfflineTxForUnknownId = false };
        var step = AuthorizationDecider.Decide("card1", Context(false, settings, list: [("card1", Valid)]), Now);
        Assert.Equal(new AuthorizationOutcome(expected, source, "FLEET"), step.Outcome);
    }

    [Fact]
    public void Decide_OfflineValidLocalEntryWithoutLocalAuthorizeButUnknownAllowed_Accepts()
    {
        var settings = AuthorizationSettings.Default with { LocalAuthorizeOffline = false };
        Assert.True(AuthorizationDecider.Decide("card1", Context(false, settings, list: [("card1", Valid)]), Now).Outcome!.Accepted);
    }

    [Theory]
    [InlineData(true, AuthorizationStatus.Accepted)]
    [InlineData(false, AuthorizationStatus.Invalid)]
    public void Decide_OfflineUnknownId_FollowsAllowOfflineTxForUnknownId(bool allow, AuthorizationStatus expected)
    {
        var settings = AuthorizationSettings.Default with { AllowOfflineTxForUnknownId = allow };
        Assert.Equal(expected, AuthorizationDecider.Decide("who", Context(false, settings), Now).Outcome!.Status);
    }

    [Fact]
    public void Decide_OfflineBlockedOrExpired_RefusedEvenWithUnknownAllowed()
    {
        var ctx = Context(false, list: [("blocked", Blocked)], cache: [("lapsed", Lapsed)]);
        Assert.Equal(AuthorizationStatus.Blocked, AuthorizationDecider.Decide("blocked", ctx, Now).Outcome!.Status);
        Assert.Equal(AuthorizationStatus.Expired, AuthorizationDecider.Decide("lapsed", ctx, Now).Outcome!.Status);
    }

    [Fact]
    public void Decide_OfflineAuthorizeOff_RefusesEverything()
    {
        var settings = AuthorizationSettings.Default with { OfflineAuthorize = false };
        var ctx = Context(false, settings, list: [("card1", Valid)]);
        Assert.False(AuthorizationDecider.Decide("card1", ctx, Now).Outcome!.Accepted);
        Assert.False(AuthorizationDecider.Decide("who", ctx, Now).Outcome!.Accepted);
    }

    [Fact]
    public void OnTimeout_UnknownId_AppliesOfflineRulesWithTimeoutSource()
    {
        var step = AuthorizationDecider.OnTimeout("who", Context(true), Now.AddSeconds(60));
        Assert.Equal(new AuthorizationOutcome(AuthorizationStatus.Accepted, "Timeout"), step.Outcome);
        var strict = AuthorizationDecider.OnTimeout("who", Context(true, AuthorizationSettings.Default with { AllowOfflineTxForUnknownId = false }), Now);
        Assert.False(strict.Outcome!.Accepted);
    }

    [Fact]
    public void StatusAt_AcceptedPastExpiry_IsExpired()
    {
        Assert.Equal(AuthorizationStatus.Expired, Lapsed.StatusAt(Now));
        Assert.Equal(AuthorizationStatus.Accepted, Lapsed.StatusAt(Now.AddMinutes(-2)));
    }
}
