using Evse.Core.Charging;
using Evse.Core.Ports.Hardware;

namespace Evse.Core.Tests.Charging;

/// <summary>
/// Feeds events to the pure state machine the way the control loop does, answering the commands that
/// the loop answers at once (a stored record gets an id, a self test passes unless told otherwise).
/// </summary>
internal sealed class MachineDriver
{
    private long _nextRecordId = 1;

    public MachineDriver(ConnectorSettings? settings = null, double limitAmps = 32)
    {
        State = ConnectorStateMachine.Initial(1, settings ?? ConnectorSettings.Default, limitAmps);
    }

    public ConnectorState State { get; private set; }

    public DateTimeOffset Now { get; set; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public List<ConnectorCommand> Commands { get; } = [];

    public bool SelfTestPasses { get; set; } = true;

    /// <summary>Answer RunSelfTest at once (the loop answers it asynchronously).</summary>
    public bool AutoSelfTest { get; set; } = true;

    public List<ConnectorCommand> Send(ConnectorEvent connectorEvent)
    {
        var produced = new List<ConnectorCommand>();
        var pending = new Queue<ConnectorEvent>();
        pending.Enqueue(connectorEvent);
        while (pending.TryDequeue(out var next))
        {
            var decision = ConnectorStateMachine.Decide(State, next, Now);
            State = decision.State;
            foreach (var command in decision.Commands)
            {
                produced.Add(command);
                switch (command)
                {
                    case BeginSession:
                        pending.Enqueue(new SessionRecorded(_nextRecordId++));
                        break;
                    case RunSelfTest when AutoSelfTest:
                        pending.Enqueue(new SelfTestCompleted(SelfTestPasses));
                        break;
                }
            }
        }

        Commands.AddRange(produced);
        return produced;
    }

    public List<ConnectorCommand> Pilot(double highVolts, double? lowVolts = null) =>
        Send(new PilotSensed(new PilotReading(highVolts, lowVolts ?? (State.PilotOutput.Mode == PilotOutputMode.Pwm ? -12 : highVolts))));

    public List<ConnectorCommand> Advance(TimeSpan by)
    {
        Now += by;
        return Send(new TimerElapsed());
    }
}
