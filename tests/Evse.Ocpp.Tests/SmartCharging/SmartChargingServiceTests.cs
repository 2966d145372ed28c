using Evse.Core.Charging;
using ChargePointErrorCode = Evse.Core.Charging.ChargePointErrorCode;
using ChargePointStatus = Evse.Core.Charging.ChargePointStatus;
using Evse.Core.Station;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Messages;
using Evse.Ocpp.SmartCharging;
using static Evse.Ocpp.Tests.SmartCharging.Profiles;
using Evse.Testing;

namespace Evse.Ocpp.Tests.SmartCharging;

public class SmartChargingServiceTests
{
    private static readonly ChargingProfilePurpose TxDefaultPurpose = ChargingProfilePurpose.TxDefaultProfile;

    [Fact]
    public void Start_NoProfiles_ClearsTheLimitOfEveryConnector()
    {
        using var rig = new SmartChargingRig();

        Assert.True(rig.HasLimit(1));
        Assert.True(rig.HasLimit(2));
        Assert.Null(rig.Amps(1));
    }

    [Fact]
    public void SetChargingProfile_TxDefaultOnConnectorZero_AcceptedAndAppliedToEveryConnector()
    {
        using var rig = new SmartChargingRig();

        var status = rig.Service.SetChargingProfile(0, TxDefault(1, 0, 16m));

        Assert.Equal(ChargingProfileStatus.Accepted, status);
        Assert.Equal(16, rig.Amps(1));
        Assert.Equal(16, rig.Amps(2));
    }

    [Fact]
    public void SetChargingProfile_LimitBelowSixAmps_PassedOnAsIs()
    {
        using var rig = new SmartChargingRig();

        rig.Service.SetChargingProfile(1, TxDefault(1, 0, 3m));

        Assert.Equal(3, rig.Amps(1));
    }

    [Fact]
    public void Timer_AtEachPeriodBoundary_AppliesTheNewLimit()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(1, Make(1, TxDefaultPurpose, 0, [(0, 16m), (600, 10m), (1200, 0m)], startSchedule: T0, durationSeconds: 1800));

        rig.Time.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(16, rig.Amps(1));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(10, rig.Amps(1));
        rig.Time.Advance(TimeSpan.FromSeconds(600));
        Assert.Equal(0, rig.Amps(1));
        rig.Time.Advance(TimeSpan.FromSeconds(600));
        Assert.True(rig.HasLimit(1));
        Assert.Null(rig.Amps(1));
    }

    [Fact]
    public void Timer_DailyRecurringOverThreeDays_SwitchesEveryNight()
    {
        using var rig = new SmartChargingRig();
        var night = Make(1, TxDefaultPurpose, 0, [(0, 32m), (8 * 3600, 8m)], ChargingProfileKind.Recurring,
            startSchedule: T0.AddHours(-2), recurrency: RecurrencyKind.Daily);
        rig.Service.SetChargingProfile(1, night);
        var seen = new List<double?>();

        for (var hour = 0; hour < 72; hour++)
        {
            rig.Time.Advance(TimeSpan.FromHours(1));
            seen.Add(rig.Amps(1));
        }

        // 22:00-06:00 at 32 A, otherwise 8 A: hour index 5 is 06:00 on day one.
        Assert.Equal(32, seen[4]);
        Assert.Equal(8, seen[5]);
        Assert.Equal(8, seen[20]);
        Assert.Equal(32, seen[21]);
        Assert.Equal(32, seen[21 + 24 + 7]);
        Assert.Equal(8, seen[21 + 24 + 8]);
    }

    [Fact]
    public void SetChargingProfile_UnknownConnector_Rejected()
    {
        using var rig = new SmartChargingRig();

        Assert.Equal(ChargingProfileStatus.Rejected, rig.Service.SetChargingProfile(3, TxDefault(1, 0, 16m)));
        Assert.Empty(rig.Service.Profiles);
    }

    [Fact]
    public void SetChargingProfile_ChargePointMaxOnAConnector_Rejected()
    {
        using var rig = new SmartChargingRig();

        Assert.Equal(ChargingProfileStatus.Rejected, rig.Service.SetChargingProfile(1, Max(1, 0, 16m)));
        Assert.Equal(ChargingProfileStatus.Accepted, rig.Service.SetChargingProfile(0, Max(1, 0, 16m)));
    }

    [Fact]
    public void SetChargingProfile_StackLevelAboveMaximum_Rejected()
    {
        using var rig = new SmartChargingRig();

        Assert.Equal(ChargingProfileStatus.Rejected, rig.Service.SetChargingProfile(1, TxDefault(1, 100, 16m)));
        Assert.Equal(ChargingProfileStatus.Accepted, rig.Service.SetChargingProfile(1, TxDefault(1, 99, 16m)));
    }

    [Fact]
    public void SetChargingProfile_MorePeriodsThanAllowed_Rejected()
    {
        using var rig = new SmartChargingRig();
        (int, decimal)[] Periods(int n) => [.. Enumerable.Range(0, n).Select(i => (i * 60, 16m))];

        Assert.Equal(ChargingProfileStatus.Rejected, rig.Service.SetChargingProfile(1, Make(1, TxDefaultPurpose, 0, Periods(33), startSchedule: T0)));
        Assert.Equal(ChargingProfileStatus.Accepted, rig.Service.SetChargingProfile(1, Make(1, TxDefaultPurpose, 0, Periods(32), startSchedule: T0)));
    }

    [Fact]
    public void SetChargingProfile_PowerWhileOnlyCurrentAllowed_Rejected()
    {
        using var rig = new SmartChargingRig();
        var watts = Make(1, TxDefaultPurpose, 0, [(0, 2300m)], startSchedule: T0, unit: ChargingRateUnit.W);

        Assert.Equal(ChargingProfileStatus.Rejected, rig.Service.SetChargingProfile(1, watts));
    }

    [Fact]
    public void SetChargingProfile_PowerWhenAllowed_AcceptedAndConvertedToAmps()
    {
        using var rig = new SmartChargingRig();
        rig.Configuration.TryChange(OcppConfigurationKeys.ChargingScheduleAllowedChargingRateUnit, "Current,Power", ConfigurationChangeOrigin.Station);
        var watts = Make(1, TxDefaultPurpose, 0, [(0, 2300m)], startSchedule: T0, unit: ChargingRateUnit.W);

        Assert.Equal(ChargingProfileStatus.Accepted, rig.Service.SetChargingProfile(1, watts));
        Assert.Equal(10, rig.Amps(1));
    }

    [Theory]
    [InlineData(60, "first period not at 0")]
    [InlineData(-1, "decreasing periods")]
    public void SetChargingProfile_BadPeriodOrder_Rejected(int secondStart, string why)
    {
        using var rig = new SmartChargingRig();
        var profile = secondStart < 0
            ? Make(1, TxDefaultPurpose, 0, [(0, 16m), (600, 10m), (300, 8m)], startSchedule: T0)
            : Make(1, TxDefaultPurpose, 0, [(secondStart, 16m)], startSchedule: T0);

        Assert.True(rig.Service.SetChargingProfile(1, profile) == ChargingProfileStatus.Rejected, why);
    }

    [Fact]
    public void SetChargingProfile_RecurringWithoutStartSchedule_Rejected()
    {
        using var rig = new SmartChargingRig();
        var profile = Make(1, TxDefaultPurpose, 0, [(0, 16m)], ChargingProfileKind.Recurring, recurrency: RecurrencyKind.Daily);

        Assert.Equal(ChargingProfileStatus.Rejected, rig.Service.SetChargingProfile(1, profile));
    }

    [Fact]
    public void SetChargingProfile_MoreThanMaxInstalled_Rejected()
    {
        using var rig = new SmartChargingRig();
        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal(ChargingProfileStatus.Accepted, rig.Service.SetChargingProfile(1, TxDefault(i, i, 16m)));
        }

        Assert.Equal(ChargingProfileStatus.Rejected, rig.Service.SetChargingProfile(1, TxDefault(11, 11, 16m)));

        // Replacing one of the ten is still fine.
        Assert.Equal(ChargingProfileStatus.Accepted, rig.Service.SetChargingProfile(1, TxDefault(11, 10, 12m)));
        Assert.Equal(10, rig.Service.Profiles.Count);
    }

    [Fact]
    public void SetChargingProfile_SameId_Replaces()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(1, TxDefault(7, 0, 16m));

        rig.Service.SetChargingProfile(1, TxDefault(7, 4, 10m));

        var installed = Assert.Single(rig.Service.Profiles);
        Assert.Equal(4, installed.StackLevel);
        Assert.Equal(10, rig.Amps(1));
    }

    [Fact]
    public void SetChargingProfile_SamePurposeAndStackLevelOnSameConnector_Replaces()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(1, TxDefault(1, 2, 16m));

        rig.Service.SetChargingProfile(1, TxDefault(2, 2, 10m));

        Assert.Equal(2, Assert.Single(rig.Service.Profiles).Id);
    }

    [Fact]
    public void SetChargingProfile_SamePurposeAndStackLevelOnOtherConnector_Kept()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(1, TxDefault(1, 2, 16m));

        rig.Service.SetChargingProfile(2, TxDefault(2, 2, 10m));

        Assert.Equal(2, rig.Service.Profiles.Count);
        Assert.Equal(16, rig.Amps(1));
        Assert.Equal(10, rig.Amps(2));
    }

    [Fact]
    public void SetChargingProfile_TxProfileWithoutTransaction_Rejected()
    {
        using var rig = new SmartChargingRig();

        Assert.Equal(ChargingProfileStatus.Rejected, rig.Service.SetChargingProfile(1, Tx(1, 0, 16m)));
    }

    [Fact]
    public void SetChargingProfile_TxProfileOnConnectorZero_Rejected()
    {
        using var rig = new SmartChargingRig();
        rig.StartSession(1, 10, centralId: 55);

        Assert.Equal(ChargingProfileStatus.Rejected, rig.Service.SetChargingProfile(0, Tx(1, 0, 16m)));
    }

    [Fact]
    public void SetChargingProfile_TxProfileForTheRunningTransaction_AcceptedAndOverridesDefault()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(0, TxDefault(1, 5, 10m));
        rig.StartSession(1, 10, centralId: 55);

        Assert.Equal(ChargingProfileStatus.Accepted, rig.Service.SetChargingProfile(1, Tx(2, 0, 20m, transactionId: 55)));
        Assert.Equal(20, rig.Amps(1));
        Assert.Equal(10, rig.Amps(2));
    }

    [Fact]
    public void SetChargingProfile_TxProfileForAnotherTransaction_Rejected()
    {
        using var rig = new SmartChargingRig();
        rig.StartSession(1, 10, centralId: 55);

        Assert.Equal(ChargingProfileStatus.Rejected, rig.Service.SetChargingProfile(1, Tx(2, 0, 20m, transactionId: 56)));
    }

    [Fact]
    public void SetChargingProfile_TxProfileBeforeTransactionIdKnown_OnlyWithoutTransactionId()
    {
        using var rig = new SmartChargingRig();
        rig.StartSession(1, 10);

        Assert.Equal(ChargingProfileStatus.Rejected, rig.Service.SetChargingProfile(1, Tx(2, 0, 20m, transactionId: 55)));
        Assert.Equal(ChargingProfileStatus.Accepted, rig.Service.SetChargingProfile(1, Tx(2, 0, 20m)));
    }

    [Fact]
    public void SessionEnded_TxProfileOfThatTransaction_Removed()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(1, TxDefault(1, 0, 10m));
        rig.StartSession(1, 10, centralId: 55);
        rig.Service.SetChargingProfile(1, Tx(2, 0, 20m));

        rig.EndSession(1, 10);

        Assert.Equal(1, Assert.Single(rig.Service.Profiles).Id);
        Assert.Equal(10, rig.Amps(1));
        Assert.Equal(1, Assert.Single(rig.Store.Load()).Id);
    }

    [Fact]
    public void SessionStarted_RelativeTxDefault_AnchoredAtTheSessionStart()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(1, Make(1, TxDefaultPurpose, 0, [(0, 16m), (900, 8m)], ChargingProfileKind.Relative));
        rig.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(16, rig.Amps(1));

        rig.StartSession(1, 10);
        rig.Time.Advance(TimeSpan.FromSeconds(899));
        Assert.Equal(16, rig.Amps(1));
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(8, rig.Amps(1));
    }

    [Fact]
    public void ChargePointMax_TwoSessions_SharedEvenly()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(0, Max(1, 0, 32m));
        rig.StartSession(1, 10);
        Assert.Equal(32, rig.Amps(1));

        rig.StartSession(2, 11, "TAG2");

        Assert.Equal(16, rig.Amps(1));
        Assert.Equal(16, rig.Amps(2));
    }

    [Fact]
    public void ClearChargingProfiles_ById_RemovesItAndClearsTheLimit()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(1, TxDefault(1, 0, 10m));

        Assert.True(rig.Service.ClearChargingProfiles(1, null, null, null));

        Assert.Empty(rig.Service.Profiles);
        Assert.True(rig.HasLimit(1));
        Assert.Null(rig.Amps(1));
    }

    [Fact]
    public void ClearChargingProfiles_NothingMatches_False()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(1, TxDefault(1, 0, 10m));

        Assert.False(rig.Service.ClearChargingProfiles(2, null, null, null));
        Assert.False(rig.Service.ClearChargingProfiles(1, 2, null, null));
        Assert.Single(rig.Service.Profiles);
    }

    [Fact]
    public void ClearChargingProfiles_ByPurposeAndStackLevel_RemovesOnlyThose()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(0, Max(1, 1, 32m));
        rig.Service.SetChargingProfile(1, TxDefault(2, 1, 16m));
        rig.Service.SetChargingProfile(2, TxDefault(3, 1, 16m));
        rig.Service.SetChargingProfile(2, TxDefault(4, 2, 16m));

        Assert.True(rig.Service.ClearChargingProfiles(null, null, TxDefaultPurpose, 1));

        Assert.Equal([1, 4], rig.Service.Profiles.Select(p => p.Id).Order());
    }

    [Fact]
    public void ClearChargingProfiles_ByConnector_RemovesThatConnectorsOnly()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(0, TxDefault(1, 0, 16m));
        rig.Service.SetChargingProfile(2, TxDefault(2, 1, 8m));

        Assert.True(rig.Service.ClearChargingProfiles(null, 2, null, null));

        Assert.Equal(1, Assert.Single(rig.Service.Profiles).Id);
        Assert.Equal(16, rig.Amps(2));
    }

    [Fact]
    public void ClearChargingProfiles_NoCriteria_RemovesAll()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(0, Max(1, 0, 32m));
        rig.Service.SetChargingProfile(1, TxDefault(2, 1, 16m));

        Assert.True(rig.Service.ClearChargingProfiles(null, null, null, null));

        Assert.Empty(rig.Service.Profiles);
        Assert.Empty(rig.Store.Load());
    }

    [Fact]
    public void TryGetCompositeSchedule_UnknownConnectorOrZeroDuration_False()
    {
        using var rig = new SmartChargingRig();

        Assert.False(rig.Service.TryGetCompositeSchedule(3, TimeSpan.FromHours(1), out _));
        Assert.False(rig.Service.TryGetCompositeSchedule(1, TimeSpan.Zero, out _));
        Assert.True(rig.Service.TryGetCompositeSchedule(0, TimeSpan.FromHours(1), out _));
    }

    [Fact]
    public void TryGetCompositeSchedule_StartsAtTheWholeSecondNow()
    {
        using var rig = new SmartChargingRig();
        rig.Service.SetChargingProfile(1, Make(1, TxDefaultPurpose, 0, [(0, 16m), (3600, 10m)], startSchedule: T0));
        rig.Time.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.True(rig.Service.TryGetCompositeSchedule(1, TimeSpan.FromHours(2), out var schedule));

        Assert.Equal(T0.AddSeconds(1), schedule.Start);
        Assert.Equal([(0d, (decimal?)16m), (3599d, 10m)], schedule.Flat());
    }

    [Fact]
    public void Restart_SameStore_ProfilesBackAndApplied()
    {
        var store = new InMemoryChargingProfileStore();
        using (var first = new SmartChargingRig(store: store))
        {
            first.Service.SetChargingProfile(0, Max(1, 0, 20m));
            first.Service.SetChargingProfile(1, TxDefault(2, 0, 12m));
        }

        using var second = new SmartChargingRig(store: store);

        Assert.Equal(2, second.Service.Profiles.Count);
        Assert.Equal(12, second.Amps(1));
        Assert.Equal(20, second.Amps(2));
    }

    [Fact]
    public void Restart_StaleTxProfileFromAnEndedSession_Ignored()
    {
        var store = new InMemoryChargingProfileStore();
        store.Replace([Tx(1, 0, 6m).On(1, recordId: 10)]);

        using var rig = new SmartChargingRig(store: store);
        rig.StartSession(1, 11);

        Assert.Null(rig.Amps(1));
        Assert.Empty(rig.Service.Profiles);
    }

    [Fact]
    public void TryHold_ThenSessionForSameIdTag_InstallsTheTxProfile()
    {
        using var rig = new SmartChargingRig();

        Assert.True(rig.Service.TryHold(1, "TAG1", Tx(9, 0, 13m)));
        Assert.Null(rig.Amps(1));
        rig.StartSession(1, 10, "tag1");

        var installed = Assert.Single(rig.Service.Profiles);
        Assert.Equal(10, installed.RecordId);
        Assert.Equal(13, rig.Amps(1));
    }

    [Fact]
    public void TryHold_SessionForAnotherIdTag_NotInstalled()
    {
        using var rig = new SmartChargingRig();
        rig.Service.TryHold(1, "TAG1", Tx(9, 0, 13m));

        rig.StartSession(1, 10, "OTHER");

        Assert.Empty(rig.Service.Profiles);
    }

    [Fact]
    public void TryHold_ConnectorBackToAvailable_Dropped()
    {
        using var rig = new SmartChargingRig();
        rig.Service.TryHold(1, "TAG1", Tx(9, 0, 13m));

        rig.Service.Handle(new ConnectorStatusChanged(1, T0, ChargePointStatus.Available, ChargePointErrorCode.NoError, null));
        rig.StartSession(1, 10, "TAG1");

        Assert.Empty(rig.Service.Profiles);
    }

    [Fact]
    public void TryHold_NotATxProfileOrWithTransactionId_False()
    {
        using var rig = new SmartChargingRig();

        Assert.False(rig.Service.TryHold(1, "TAG1", TxDefault(9, 0, 13m)));
        Assert.False(rig.Service.TryHold(1, "TAG1", Tx(9, 0, 13m, transactionId: 4)));
        Assert.False(rig.Service.TryHold(1, "TAG1", Tx(9, 100, 13m)));
    }

    [Fact]
    public async Task Publish_SessionStarted_HandledOffTheCallersThread()
    {
        using var rig = new SmartChargingRig();
        rig.Service.TryHold(1, "TAG1", Tx(9, 0, 13m));
        rig.Station.Set(new Ocpp.ChargePoint.ChargePointConnector(1, ChargePointStatus.Charging, ChargePointErrorCode.NoError, 10, true));

        rig.Service.Publish(new SessionStarted(1, T0, 10, "TAG1", 0));

        // Real-time wait for the queue's task, bounded; the fake clock is not involved.
        Assert.True(await RealClockWait.UntilAsync(() => rig.Service.Profiles.Count > 0), "the held profile was never applied");

        Assert.Equal(13, rig.Amps(1));
    }
}
