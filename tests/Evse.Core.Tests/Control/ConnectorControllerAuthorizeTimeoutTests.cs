using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Ports;
using Evse.Core.Protection;
using Evse.Core.Station;
using Evse.Hardware.Simulated;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Core.Tests.Control;

/// <summary>Authorize Timeout (seed 001) on the fake clock: the authorizer's offline rules decide, not a flat refusal.</summary>
public sealed class ConnectorControllerAuthorizeTimeoutTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AuthorizeTimeout_AuthorizerWithOfflineRules_AcceptsByThem()
    {
        var authorizer = new SilentAuthorizer(new AuthorizationOutcome(AuthorizationStatus.Accepted, "Timeout", "FLEET"));
        await using var rig = new Rig(authorizer);

        rig.Controller.Post(new IdTagPresented("CARD1"));
        Assert.True(SpinWait.SpinUntil(() => rig.Controller.Snapshot.State.Authorizing == "CARD1", Patience));
        rig.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, authorizer.TimeoutDecisions);

        rig.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(SpinWait.SpinUntil(() => rig.Controller.Snapshot.State.AuthorizedIdTag == "CARD1", Patience), "the offline rules' acceptance was not applied");
        Assert.Equal(1, authorizer.TimeoutDecisions);
        Assert.Equal("FLEET", rig.Controller.Snapshot.State.AuthorizedParentIdTag);
    }

    [Fact]
    public async Task AuthorizeTimeout_AuthorizerWithoutOfflineRules_Refuses()
    {
        await using var rig = new Rig(new DefaultSilentAuthorizer());

        rig.Controller.Post(new IdTagPresented("CARD1"));
        Assert.True(SpinWait.SpinUntil(() => rig.Controller.Snapshot.State.Authorizing == "CARD1", Patience));
        rig.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.True(SpinWait.SpinUntil(() => rig.Controller.Snapshot.State.Authorizing is null, Patience), "the timeout did not end the authorization");
        Assert.Null(rig.Controller.Snapshot.State.AuthorizedIdTag);
    }

    private sealed class Rig : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Rig(IAuthorizer authorizer)
        {
            var board = new SimulatedBoard(1, new SimulationOptions(), Time);
            Controller = new ConnectorController(
                new ConnectorContext(board.SimulatedConnectors[0], board.Buzzer, board.Supply, new ConnectorStores(Stores, Stores), authorizer, new StationEventHub()),
                new ConnectorConfiguration(ConnectorSettings.Default, ProtectionSettings.ForPhases(1), FirmwareSettingAmps: 32, ConnectorRatingAmps: 32, board.DipSwitch.Read()),
                Time,
                new ControlLoopOptions(),
                NullLogger<ConnectorController>.Instance);
            _loop = Controller.RunAsync(StopReason.Reboot, _stop.Token);
        }

        public FakeTimeProvider Time { get; } = new();

        public MemoryRecordStores Stores { get; } = new();

        public ConnectorController Controller { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop.WaitAsync(Patience);
            Controller.Dispose();
            _stop.Dispose();
            Stores.Dispose();
        }
    }

    /// <summary>Never answers Authorize (the Central System is silent) until cancelled.</summary>
    private class DefaultSilentAuthorizer : IAuthorizer
    {
        public async Task<AuthorizationOutcome> AuthorizeAsync(int connectorId, string idTag, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class SilentAuthorizer(AuthorizationOutcome afterTimeout) : DefaultSilentAuthorizer, IAuthorizer
    {
        private int _timeoutDecisions;

        public int TimeoutDecisions => Volatile.Read(ref _timeoutDecisions);

        public AuthorizationOutcome DecideAfterTimeout(int connectorId, string idTag)
        {
            Interlocked.Increment(ref _timeoutDecisions);
            return afterTimeout;
        }
    }
}
