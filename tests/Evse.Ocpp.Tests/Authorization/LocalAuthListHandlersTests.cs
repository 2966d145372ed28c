using Evse.Core.Ports;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Tests.Reservation;

namespace Evse.Ocpp.Tests.Authorization;

public sealed class LocalAuthListHandlersTests
{
    private static string Entries(int count, string prefix = "TAG") =>
        string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"idTag":"{{{prefix}}}{{{i}}}","idTagInfo":{"status":"Accepted"}}"""));

    private static async Task<ProfilesHarness> BootedAsync()
    {
        var h = new ProfilesHarness();
        await h.BootAcceptedAsync();
        return h;
    }

    [Fact]
    public async Task GetLocalListVersion_NeverSent_Zero()
    {
        await using var h = await BootedAsync();

        Assert.Equal("""{"listVersion":0}""", await h.CallAsync("GetLocalListVersion", "{}"));
    }

    [Fact]
    public async Task SendLocalList_Full_AcceptedAndVersionAndEntriesKept()
    {
        await using var h = await BootedAsync();

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("SendLocalList", """
            {"listVersion":3,"updateType":"Full","localAuthorizationList":[
              {"idTag":"CARD1","idTagInfo":{"status":"Accepted","expiryDate":"2027-01-01T00:00:00Z","parentIdTag":"FLEET"}},
              {"idTag":"CARD2","idTagInfo":{"status":"Blocked"}}]}
            """));

        Assert.Equal("""{"listVersion":3}""", await h.CallAsync("GetLocalListVersion", "{}"));
        Assert.True(h.List.TryGet("card1", out var info));
        Assert.Equal(new Evse.Ocpp.Authorization.IdTagInfo(AuthorizationStatus.Accepted, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), "FLEET"), info);
        Assert.True(h.List.TryGet("CARD2", out var blocked));
        Assert.Equal(AuthorizationStatus.Blocked, blocked.Status);
    }

    [Fact]
    public async Task SendLocalList_FullWithoutEntries_EmptiesListAndVersionIsZero()
    {
        await using var h = await BootedAsync();
        await h.CallAsync("SendLocalList", $$"""{"listVersion":3,"updateType":"Full","localAuthorizationList":[{{Entries(2)}}]}""");

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("SendLocalList", """{"listVersion":4,"updateType":"Full"}"""));

        Assert.Equal(0, h.List.Count);
        Assert.Equal("""{"listVersion":0}""", await h.CallAsync("GetLocalListVersion", "{}"));
    }

    [Fact]
    public async Task SendLocalList_DifferentialAddsUpdatesAndRemoves_Accepted()
    {
        await using var h = await BootedAsync();
        await h.CallAsync("SendLocalList", $$"""{"listVersion":3,"updateType":"Full","localAuthorizationList":[{{Entries(2)}}]}""");

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("SendLocalList", """
            {"listVersion":4,"updateType":"Differential","localAuthorizationList":[
              {"idTag":"TAG0"},
              {"idTag":"TAG1","idTagInfo":{"status":"Expired"}},
              {"idTag":"NEW","idTagInfo":{"status":"Accepted"}}]}
            """));

        Assert.False(h.List.Contains("TAG0"));
        Assert.True(h.List.TryGet("TAG1", out var updated));
        Assert.Equal(AuthorizationStatus.Expired, updated.Status);
        Assert.True(h.List.Contains("NEW"));
        Assert.Equal("""{"listVersion":4}""", await h.CallAsync("GetLocalListVersion", "{}"));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public async Task SendLocalList_DifferentialNotNewerThanList_VersionMismatchAndListUnchanged(int version)
    {
        await using var h = await BootedAsync();
        await h.CallAsync("SendLocalList", $$"""{"listVersion":3,"updateType":"Full","localAuthorizationList":[{{Entries(2)}}]}""");

        Assert.Equal("""{"status":"VersionMismatch"}""", await h.CallAsync("SendLocalList", $$"""{"listVersion":{{version}},"updateType":"Differential","localAuthorizationList":[{"idTag":"TAG0"}]}"""));
        Assert.True(h.List.Contains("TAG0"));
        Assert.Equal("""{"listVersion":3}""", await h.CallAsync("GetLocalListVersion", "{}"));
    }

    [Fact]
    public async Task SendLocalList_FullEntryWithoutIdTagInfo_Failed()
    {
        await using var h = await BootedAsync();

        Assert.Equal("""{"status":"Failed"}""", await h.CallAsync("SendLocalList", """{"listVersion":1,"updateType":"Full","localAuthorizationList":[{"idTag":"CARD1"}]}"""));
        Assert.Equal(0, h.List.Count);
    }

    [Fact]
    public async Task SendLocalList_MoreEntriesThanSendLocalListMaxLength_Failed()
    {
        await using var h = await BootedAsync();
        Assert.Equal(100, h.Configuration.SendLocalListMaxLength);

        Assert.Equal("""{"status":"Failed"}""", await h.CallAsync("SendLocalList", $$"""{"listVersion":1,"updateType":"Full","localAuthorizationList":[{{Entries(101)}}]}"""));
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("SendLocalList", $$"""{"listVersion":1,"updateType":"Full","localAuthorizationList":[{{Entries(100)}}]}"""));
    }

    [Fact]
    public async Task SendLocalList_DifferentialBeyondLocalAuthListMaxLength_FailedAndListUnchanged()
    {
        await using var h = await BootedAsync();
        Assert.True(h.Configuration.TryChange(OcppConfigurationKeys.LocalAuthListMaxLength, "5", ConfigurationChangeOrigin.Station).Applied);
        await h.CallAsync("SendLocalList", $$"""{"listVersion":1,"updateType":"Full","localAuthorizationList":[{{Entries(4)}}]}""");

        Assert.Equal("""{"status":"Failed"}""", await h.CallAsync("SendLocalList", $$"""{"listVersion":2,"updateType":"Differential","localAuthorizationList":[{{Entries(2, "MORE")}}]}"""));
        Assert.Equal(4, h.List.Count);
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("SendLocalList", $$"""{"listVersion":2,"updateType":"Differential","localAuthorizationList":[{{Entries(1, "MORE")}}]}"""));
    }

    [Fact]
    public async Task SendLocalList_ListDisabled_StillAcceptedAndVersionReported()
    {
        await using var h = await BootedAsync();
        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("ChangeConfiguration", """{"key":"LocalAuthListEnabled","value":"false"}"""));

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("SendLocalList", $$"""{"listVersion":6,"updateType":"Full","localAuthorizationList":[{{Entries(1)}}]}"""));
        Assert.Equal("""{"listVersion":6}""", await h.CallAsync("GetLocalListVersion", "{}"));
        Assert.False(h.List.TryGet("TAG0", out _));
    }

    [Fact]
    public async Task SendLocalList_ProfileNotSupported_NotSupportedAndVersionMinusOne()
    {
        await using var h = await BootedAsync();
        Assert.True(h.Configuration.TryChange(OcppConfigurationKeys.SupportedFeatureProfiles, "Core,Reservation", ConfigurationChangeOrigin.Station).Applied);

        Assert.Equal("""{"status":"NotSupported"}""", await h.CallAsync("SendLocalList", $$"""{"listVersion":1,"updateType":"Full","localAuthorizationList":[{{Entries(1)}}]}"""));
        Assert.Equal("""{"listVersion":-1}""", await h.CallAsync("GetLocalListVersion", "{}"));
    }

    [Fact]
    public async Task SendLocalList_SameIdTagTwice_Failed()
    {
        await using var h = await BootedAsync();

        Assert.Equal("""{"status":"Failed"}""", await h.CallAsync("SendLocalList", """{"listVersion":1,"updateType":"Full","localAuthorizationList":[{"idTag":"A","idTagInfo":{"status":"Accepted"}},{"idTag":"a","idTagInfo":{"status":"Blocked"}}]}"""));
    }
}
