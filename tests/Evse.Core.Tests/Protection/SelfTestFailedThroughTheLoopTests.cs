using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Pilot;
using Evse.Core.Ports;
using Evse.Core.Protection;
using Evse.Core.Station;
using Evse.Core.Tests.Control;
using Evse.Hardware.Simulated;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Core.Tests.Protection;

/// <summary>
/// A residual-current monitor whose self test keeps failing: through the real loop on the simulated board and the
/// fake clock, the contactor never closes and, after <see cref="SelfTestPolicy.MaxAttempts"/> failures
/// <see cref="SelfTestPolicy.RetryDelay"/> apart, <see cref="FaultCode.SelfTestFailed"/> is among the connector's
/// ActiveFaults (what /api/status shows).
/// </summary>
public sealed class SelfTestFailedThroughTheLoopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task SelfTestKeepsFailing_AfterTheRetries_SelfTestFailedIsAnActiveFault()
    {
        var time = new FakeTimeProvider();
        using var stores = new MemoryRecordStores();
        var board = new SimulatedBoard(1, new SimulationOptions(), time);
        var connector = board.SimulatedConnectors[0];
        board.SetFault(SimulatedFault.SelfTestFails, true, 1);
        using var controller = new ConnectorController(
            new ConnectorContext(connector, board.Buzzer, board.Supply, new ConnectorStores(stores, stores), new Refuse(), new StationEventHub()),
            new ConnectorConfiguration(ConnectorSettings.Default with { PlugAndChargeId = "FREEVEND01" }, ProtectionSettings.ForPhases(1), FirmwareSettingAmps: 32, ConnectorRatingAmps: 32, board.DipSwitch.Read()),
            time,
            new ControlLoopOptions(),
            NullLogger<ConnectorController>.Instance);
        using var stop = new CancellationTokenSource();
        var loop = controller.RunAsync(StopReason.Reboot, stop.Token);
        try
        {
            var start = time.GetUtcNow();
            connector.Ev.Set(PilotState.C);
            var everClosed = false;
            var raised = false;

            // Three attempts 10 s apart: the fault must stand by 25 s of fake time (budget 40 s).
            var end = time.GetUtcNow() + TimeSpan.FromSeconds(40);
            while (!raised && time.GetUtcNow() < end)
            {
                time.Advance(Step);
                var now = time.GetUtcNow();
                Assert.True(SpinWait.SpinUntil(() => controller.Snapshot.At >= now, Patience), "the loop did not step");
                await Task.Yield();
                everClosed |= connector.Contactor.IsCommandedClosed;
                raised = controller.Snapshot.State.ActiveFaults.Contains(FaultCode.SelfTestFailed);
            }

            Assert.True(raised, $"SelfTestFailed not active after 40 s; active: {string.Join(", ", controller.Snapshot.State.ActiveFaults)}");
            Assert.False(everClosed);
            Assert.False(connector.Contactor.IsCommandedClosed);

            // Not raised at once: one failure can be a disturbance, so the policy tries again 10 s later. The boot test
            // and the test before the close both fail at the start, so the third attempt is the first retry.
            var raisedAfter = time.GetUtcNow() - start;
            Assert.True(raisedAfter >= SelfTestPolicy.RetryDelay, $"raised after {raisedAfter}");
        }
        finally
        {
            await stop.CancelAsync();
            await loop.WaitAsync(Patience);
        }
    }

    private sealed class Refuse : IAuthorizer
    {
        public Task<AuthorizationOutcome> AuthorizeAsync(int connectorId, string idTag, CancellationToken cancellationToken) =>
            Task.FromResult(new AuthorizationOutcome(AuthorizationStatus.Invalid, "Test"));
    }
}
