using Evse.Core.Ports;
using Evse.Ocpp.Authorization;

namespace Evse.Ocpp.Tests.Authorization;

public class LocalAuthorizationListTests
{
    private static readonly IdTagInfo Ok = new(AuthorizationStatus.Accepted);
    private readonly InMemoryLocalAuthorizationListStore _store = new();
    private LocalAuthorizationListLimits _limits = new(Supported: true, Enabled: true, MaxLength: 5, SendMaxLength: 3);

    private LocalAuthorizationList NewList() => new(_store, () => _limits);

    private static LocalAuthorizationListEntry Add(string idTag) => new(idTag, Ok);

    private static LocalAuthorizationListEntry Remove(string idTag) => new(idTag, null);

    [Fact]
    public void Version_Fresh_ZeroForEmpty()
    {
        Assert.Equal(0, NewList().Version);
    }

    [Fact]
    public void Version_ProfileNotSupported_MinusOne()
    {
        _limits = _limits with { Supported = false };
        Assert.Equal(-1, NewList().Version);
    }

    [Fact]
    public void Apply_Full_ReplacesListAndVersion()
    {
        var list = NewList();
        Assert.Equal(SendLocalListStatus.Accepted, list.Apply(1, LocalListUpdateType.Full, [Add("A"), Add("B")]));
        Assert.Equal(SendLocalListStatus.Accepted, list.Apply(2, LocalListUpdateType.Full, [Add("C")]));
        Assert.Equal(2, list.Version);
        Assert.False(list.TryGet("A", out _));
        Assert.True(list.TryGet("c", out _));
    }

    [Fact]
    public void Apply_FullWithoutEntries_EmptiesList()
    {
        var list = NewList();
        list.Apply(3, LocalListUpdateType.Full, [Add("A")]);
        Assert.Equal(SendLocalListStatus.Accepted, list.Apply(4, LocalListUpdateType.Full, null));
        Assert.Equal(0, list.Count);
        Assert.Equal(0, list.Version);
    }

    [Fact]
    public void Apply_FullEntryWithoutIdTagInfo_FailedAndUnchanged()
    {
        var list = NewList();
        list.Apply(1, LocalListUpdateType.Full, [Add("A")]);
        Assert.Equal(SendLocalListStatus.Failed, list.Apply(2, LocalListUpdateType.Full, [Add("B"), Remove("C")]));
        Assert.Equal(1, list.Version);
        Assert.True(list.TryGet("A", out _));
    }

    [Fact]
    public void Apply_Differential_AddsUpdatesAndRemoves()
    {
        var list = NewList();
        list.Apply(1, LocalListUpdateType.Full, [Add("A"), Add("B")]);
        var blocked = new IdTagInfo(AuthorizationStatus.Blocked);
        Assert.Equal(SendLocalListStatus.Accepted, list.Apply(2, LocalListUpdateType.Differential, [Remove("A"), new("B", blocked), Add("C")]));
        Assert.False(list.TryGet("A", out _));
        Assert.True(list.TryGet("B", out var b));
        Assert.Equal(AuthorizationStatus.Blocked, b.Status);
        Assert.True(list.TryGet("C", out _));
        Assert.Equal(2, list.Version);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public void Apply_DifferentialNotNewer_VersionMismatch(int version)
    {
        var list = NewList();
        list.Apply(5, LocalListUpdateType.Full, [Add("A")]);
        Assert.Equal(SendLocalListStatus.VersionMismatch, list.Apply(version, LocalListUpdateType.Differential, [Add("B")]));
        Assert.False(list.TryGet("B", out _));
    }

    [Fact]
    public void Apply_MoreThanSendLocalListMaxLength_Failed()
    {
        Assert.Equal(SendLocalListStatus.Failed, NewList().Apply(1, LocalListUpdateType.Full, [Add("A"), Add("B"), Add("C"), Add("D")]));
    }

    [Fact]
    public void Apply_ResultLongerThanLocalAuthListMaxLength_FailedAndUnchanged()
    {
        var list = NewList();
        list.Apply(1, LocalListUpdateType.Full, [Add("A"), Add("B"), Add("C")]);
        Assert.Equal(SendLocalListStatus.Failed, list.Apply(2, LocalListUpdateType.Differential, [Add("D"), Add("E"), Add("F")]));
        Assert.Equal(3, list.Count);
        Assert.Equal(1, list.Version);
    }

    [Fact]
    public void Apply_SameIdTagTwice_Failed()
    {
        Assert.Equal(SendLocalListStatus.Failed, NewList().Apply(1, LocalListUpdateType.Full, [Add("A"), Add("a")]));
    }

    [Fact]
    public void Apply_NotSupported_NotSupported()
    {
        _limits = _limits with { Supported = false };
        Assert.Equal(SendLocalListStatus.NotSupported, NewList().Apply(1, LocalListUpdateType.Full, [Add("A")]));
    }

    [Fact]
    public void TryGet_ListDisabled_FalseButListKeptUpToDate()
    {
        _limits = _limits with { Enabled = false };
        var list = NewList();
        Assert.Equal(SendLocalListStatus.Accepted, list.Apply(1, LocalListUpdateType.Full, [Add("A")]));
        Assert.False(list.TryGet("A", out _));
        _limits = _limits with { Enabled = true };
        Assert.True(list.TryGet("A", out _));
    }

    [Fact]
    public void Constructor_AfterReboot_ListAndVersionRestored()
    {
        NewList().Apply(7, LocalListUpdateType.Full, [Add("A")]);
        var list = NewList();
        Assert.Equal(7, list.Version);
        Assert.True(list.TryGet("A", out _));
    }
}
