using System.Globalization;
using Evse.Core.Charging;
using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;
using FsCheck;
using FsCheck.Fluent;

namespace Evse.Core.Tests.Charging;

/// <summary>
/// Random event sequences through the pure decision step. After every step the contactor is closed only
/// when it is safe, the commands issued so far agree with what the state believes, and an open command
/// always comes first. Runs 100,000 sequences per CI run; set EVSE_PROPERTY_RUNS for a longer soak.
/// </summary>
public class ConnectorStateMachinePropertyTests
{
    private static readonly string[] Tags = ["04A1B2C3D4", "CAFEBABE01", "FREEVEND01"];
    private static readonly double[] Volts = [12, 9, 6, 3, 0, -12, 7.5, 10.5];
    private static readonly double[] Limits = [0, 5.9, 6, 10, 16, 32, 51.5, 80];
    private static readonly TimeSpan[] Steps = [TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(61)];

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static int Runs => int.TryParse(Environment.GetEnvironmentVariable("EVSE_PROPERTY_RUNS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 100_000;

    [Fact]
    public void Decide_AnyEventSequence_NeverUnsafe()
    {
        var step = Gen.Elements(Steps);
        var ev = Gen.Frequency(
            (6, from high in Gen.Elements(Volts) from diode in Gen.Elements(true, true, true, false) select (ConnectorEvent)new PilotSensed(new PilotReading(high, diode ? -12 : -high))),
            (2, Gen.Elements(Tags).Select(t => (ConnectorEvent)new IdTagPresented(t))),
            (2, from t in Gen.Elements(Tags) from ok in Gen.Elements(true, false) select (ConnectorEvent)new AuthorizationCompleted(t, ok)),
            (1, Gen.Elements(Tags).Select(t => (ConnectorEvent)new StartRequested(t))),
            (1, Gen.Elements(Enum.GetValues<StopReason>()).Select(r => (ConnectorEvent)new StopRequested(r))),
            (2, Gen.Choose(0, 100).Select(wh => (ConnectorEvent)new MeterSampled(new MeterSample(default, default, default, wh * 10.0, 50)))),
            (2, Gen.Elements(Enum.GetValues<FaultCode>()).Select(f => (ConnectorEvent)new FaultRaised(f))),
            (3, Gen.Elements(Enum.GetValues<FaultCode>()).Select(f => (ConnectorEvent)new FaultCleared(f))),
            (2, Gen.Elements(Limits).Select(a => (ConnectorEvent)new LimitChanged(a))),
            (2, Gen.Elements(true, true, false).Select(ok => (ConnectorEvent)new SelfTestCompleted(ok))),
            (1, Gen.Choose(1, 5).Select(id => (ConnectorEvent)new SessionRecorded(id))),
            (1, Gen.Elements(true, true, false).Select(op => (ConnectorEvent)new AvailabilityChanged(op))),
            (2, Gen.Constant((ConnectorEvent)new TimerElapsed())),
            (1, Gen.Elements(ConnectorSettings.Default, ConnectorSettings.Default with { PlugAndChargeId = "FREEVEND01" }).Select(s => (ConnectorEvent)new SettingsChanged(s))),
            (1, from t in Gen.Elements(Tags) from minutes in Gen.Choose(0, 3) select (ConnectorEvent)new ReservationChanged(minutes == 0 ? null : new Evse.Core.Authorization.Reservation(7, 1, t, null, Start.AddMinutes(minutes)))),
            (1, Gen.Elements(true, false, false).Select(locked => (ConnectorEvent)new StationLockChanged(locked))));
        var sequence = Gen.ListOf(Gen.Zip(ev, step)).Select(list => list.ToArray());

        Prop.ForAll(sequence.ToArbitrary(), Holds)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Runs).WithQuietOnSuccess(true));
    }

    private static bool Holds((ConnectorEvent Event, TimeSpan After)[] events)
    {
        var state = ConnectorStateMachine.Initial(1, ConnectorSettings.Default with { PlugAndChargeId = "FREEVEND01" }, 32);
        var now = Start;
        var contactorClosed = false;
        var testedSinceOpen = false;
        var pilot = state.PilotOutput;
        long nextRecord = 100;
        var pending = new Queue<ConnectorEvent>();

        foreach (var (first, after) in events)
        {
            now += after;
            pending.Enqueue(first);
            while (pending.TryDequeue(out var next))
            {
                var wasClosed = state.ContactorClosed;
                if (next is SelfTestCompleted { Passed: true } && state.SelfTestRunning)
                {
                    testedSinceOpen = true;
                }

                var decisionStateBefore = state;
                var decision = ConnectorStateMachine.Decide(state, next, now);
                state = decision.State;
                foreach (var command in decision.Commands)
                {
                    switch (command)
                    {
                        case OpenContactor:
                            contactorClosed = false;
                            testedSinceOpen = false;
                            break;
                        case CloseContactor when !testedSinceOpen:
                            throw new InvalidOperationException($"Contactor closed without a self test since it last opened, after {next}");
                        case CloseContactor:
                            contactorClosed = true;
                            break;
                        case SetPilot p:
                            pilot = p.Output;
                            break;
                        case BeginSession begin:
                            if (state.StationLocked)
                            {
                                throw new InvalidOperationException($"A session started while the station is locked, after {next}");
                            }

                            if (decisionStateBefore.Reservation is { } held && held.ActiveAt(now) && !held.Admits(begin.IdTag, null))
                            {
                                throw new InvalidOperationException($"{begin.IdTag} started on a connector reserved for {held.IdTag}, after {next}");
                            }

                            // The loop stores the record at once and answers.
                            pending.Enqueue(new SessionRecorded(nextRecord++));
                            break;
                    }
                }

                if (wasClosed && !state.ContactorClosed && (decision.Commands.Count == 0 || decision.Commands[0] is not OpenContactor))
                {
                    throw new InvalidOperationException($"Contactor opened but OpenContactor is not the first command after {next}: {string.Join(", ", decision.Commands)}");
                }

                Check(state, contactorClosed, pilot, next);
            }
        }

        return true;
    }

    private static void Check(ConnectorState s, bool contactorClosed, PilotOutput pilot, ConnectorEvent after)
    {
        void Fail(string why) => throw new InvalidOperationException($"{why} after {after}; state: {s}");

        if (contactorClosed != s.ContactorClosed)
        {
            Fail("the commands and the state disagree about the contactor");
        }

        if (pilot != s.PilotOutput)
        {
            Fail("the commands and the state disagree about the pilot");
        }

        if (s.PilotOutput.Mode == PilotOutputMode.Pwm && s.OfferedAmps < PilotDuty.MinimumAmps)
        {
            Fail($"a duty cycle offering {s.OfferedAmps} A (< 6 A)");
        }

        if (!s.ContactorClosed)
        {
            return;
        }

        if (s.Pilot is not (PilotState.C or PilotState.D))
        {
            Fail($"contactor closed with pilot {s.Pilot}");
        }

        if (s.Session is not { RecordId: not null })
        {
            Fail("contactor closed without an authorized, recorded session");
        }

        if (s.HasStoppingFault)
        {
            Fail("contactor closed with an active trip");
        }

        if (!s.SelfTestPassed)
        {
            Fail("contactor closed without a passed self test");
        }

        if (s.OfferedAmps < PilotDuty.MinimumAmps || s.PilotOutput.Mode != PilotOutputMode.Pwm)
        {
            Fail("contactor closed while less than 6 A is offered");
        }

        if (!s.Operative || s.ShuttingDown)
        {
            Fail("contactor closed while unavailable or shutting down");
        }
    }
}
