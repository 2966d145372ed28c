using Evse.Core.Ports;
using Evse.Ocpp.ChargePoint;

namespace Evse.Ocpp.Tests.ChargePoint;

/// <summary>The control loop's Authorize Timeout: OcppAuthorizer decides by Core's offline rules (AuthorizationDecider).</summary>
public sealed class OcppAuthorizerTimeoutTests
{
    [Fact]
    public async Task DecideAfterTimeout_UnknownTag_FollowsAllowOfflineTxForUnknownId()
    {
        await using var h = new ChargePointHarness();
        var allowed = h.Authorizer.DecideAfterTimeout(1, "NEW");
        h.Configuration.ChangeConfiguration("AllowOfflineTxForUnknownId", "false");
        var refused = h.Authorizer.DecideAfterTimeout(1, "NEW");

        Assert.Equal(new AuthorizationOutcome(AuthorizationStatus.Accepted, IAuthorizer.TimeoutSource), allowed);
        Assert.Equal(new AuthorizationOutcome(AuthorizationStatus.Invalid, IAuthorizer.TimeoutSource), refused);
    }

    [Fact]
    public async Task DecideAfterTimeout_ThroughThePort_IsNotTheRefusingDefault()
    {
        await using var h = new ChargePointHarness();
        IAuthorizer port = h.Authorizer;

        Assert.True(port.DecideAfterTimeout(1, "NEW").Accepted);
    }

    [Fact]
    public async Task DecideAfterTimeout_CachedBlockedTag_RefusedFromCache()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        var pending = h.Authorizer.AuthorizeAsync(1, "CARD9", CancellationToken.None);
        await h.ExpectAsync("Authorize", """{"idTagInfo":{"status":"Blocked","parentIdTag":"FLEET"}}""");
        Assert.False((await pending).Accepted);

        var outcome = h.Authorizer.DecideAfterTimeout(1, "CARD9");

        Assert.Equal(new AuthorizationOutcome(AuthorizationStatus.Blocked, "Cache", "FLEET"), outcome);
    }

    [Fact]
    public async Task AuthorizeAsync_CentralSystemAnswer_CarriesParentIdTag()
    {
        await using var h = new ChargePointHarness();
        await h.BootAcceptedAsync();
        var pending = h.Authorizer.AuthorizeAsync(1, "CARD7", CancellationToken.None);
        await h.ExpectAsync("Authorize", """{"idTagInfo":{"status":"Accepted","parentIdTag":"FLEET"}}""");

        Assert.Equal(new AuthorizationOutcome(AuthorizationStatus.Accepted, OcppAuthorizer.CentralSystemSource, "FLEET"), await pending);
    }
}
