using System.Globalization;
using Evse.Core.Ports.Hardware;

namespace Evse.Core.Tests.Safety;

/// <summary>
/// An independent model of issue #3's safety rules, judged from the raw inputs and the rig's physical outputs only
/// (never from the state machine's or the monitor's own state). The contactor may be closed only while the raw
/// pilot is C or D (IEC 61851-1 Table A.4 bands: 6 ± 1 V, 3 ± 1 V), the session's idTag was authorized and no stop
/// was asked for since, a self test passed since the session began and since the contactor last opened, the pilot
/// offers at least 6 A and no more than the raw contributors allow, no cold-load or schedule block holds, and no
/// protection condition has been unsafe for more than 100 ms.
/// </summary>
internal sealed class SafetyModel
{
    public static readonly TimeSpan OpenBound = TimeSpan.FromMilliseconds(100);

    /// <summary>Max Amperage FW Setting and connector rating of the rig.</summary>
    public const double RatedAmps = 32;

    private readonly HashSet<string> _accepted;
    private readonly HashSet<string> _authorized = new(StringComparer.OrdinalIgnoreCase);
    private readonly HeldCondition[] _conditions;
    private string? _sessionTag;
    private bool _stopAsked;
    private bool _selfTestPassed;
    private DateTimeOffset? _coldHoldUntil;

    public SafetyModel(IEnumerable<string> acceptedCards, string? freeVendId)
    {
        _accepted = new HashSet<string>(acceptedCards, StringComparer.OrdinalIgnoreCase);
        if (freeVendId is { Length: >= 8 })
        {
            _authorized.Add(freeVendId);
        }

        var zero = TimeSpan.Zero;
        var s = TimeSpan.FromSeconds(1);
        _conditions =
        [
            new("over-voltage", (w, _, _) => !w.MeterSilent && w.SupplyVolts > 276, (w, _, _) => !w.MeterSilent && w.SupplyVolts < 254, 5 * s, zero, zero),
            new("under-voltage", (w, _, _) => !w.MeterSilent && w.SupplyVolts < 154, (w, _, _) => !w.MeterSilent && w.SupplyVolts > 164, 5 * s, zero, zero),
            // Over-current (§3: > 1.1 × the offered current for 5 s; 30 s of normal before a restart). The offer is the
            // one the pilot shows now: IEC 61851-1 Annex A gives the EV 5 s to follow a lower duty cycle, and the 5 s
            // hold, counted from the first sample that sees the lower offer, already grants it (see charging-domain.md).
            // 0.05 A either side of the line is neither trip nor normal, for the duty cycle's rounding.
            new(
                "over-current",
                (w, closed, offered) => closed && offered >= 6 && !w.MeterSilent && w.DrawAmps > (1.1 * offered) + 0.05,
                (w, closed, offered) => !closed || offered < 6 || (!w.MeterSilent && w.DrawAmps <= (1.1 * offered) - 0.05),
                5 * s,
                30 * s,
                zero),
            new("residual current", (w, _, _) => w.ResidualTripped, (w, _, _) => !w.ResidualTripped, zero, zero, TimeSpan.FromMinutes(15)),
            new("relay over-temperature", (w, _, _) => w.RelayCelsius > 125, (w, _, _) => w.RelayCelsius <= 105, zero, zero, zero),
            new("input terminal over-temperature", (w, _, _) => w.InputCelsius > 115, (w, _, _) => w.InputCelsius <= 95, zero, zero, zero),
            new("socket over-temperature", (w, _, _) => w.SocketCelsius > 115, (w, _, _) => w.SocketCelsius <= 95, zero, zero, zero),
            new("ground fault", (w, _, _) => !w.GroundOk, (w, _, _) => w.GroundOk, s, 5 * s, zero),
            new("L-N reversed", (w, _, _) => !w.PolarityOk, (w, _, _) => w.PolarityOk, s, 5 * s, zero),
            new("metering failure", (w, _, _) => w.MeterSilent, (w, _, _) => !w.MeterSilent, 3 * s, 10 * s, zero),
        ];
    }

    /// <summary>The current a duty cycle offers, from IEC 61851-1 Annex A (written here, not taken from PilotDuty).</summary>
    public static double OfferedAmps(PilotOutput output) =>
        output.Mode != PilotOutputMode.Pwm ? 0
        : output.DutyPercent is >= 10 and <= 85 ? output.DutyPercent * 0.6
        : output.DutyPercent is > 85 and <= 96 ? (output.DutyPercent - 64) * 2.5
        : 0;

    public static bool PilotIsChargeState(double volts) => volts is (>= 5 and <= 7) or (>= 2 and <= 4);

    public void OnInput(RigInput input)
    {
        switch (input)
        {
            case RigInput.Card card when _sessionTag is not null && string.Equals(card.IdTag, _sessionTag, StringComparison.OrdinalIgnoreCase):
                _stopAsked = true; // the same card ends the session
                break;
            case RigInput.Card card when _accepted.Contains(card.IdTag):
                _authorized.Add(card.IdTag);
                break;
            case RigInput.RemoteStart start:
                _authorized.Add(start.IdTag);
                break;
            case RigInput.RemoteStop or RigInput.Shutdown:
                _stopAsked = true;
                break;
        }
    }

    public void OnBoot(DateTimeOffset bootedAt, DateTimeOffset? holdUntil)
    {
        if (holdUntil is not { } until || until - bootedAt < TimeSpan.FromSeconds(120) || until - bootedAt > TimeSpan.FromSeconds(720))
        {
            throw new InvalidOperationException($"cold-load pickup hold {holdUntil} after a power failure at {bootedAt} is outside [120 s, 720 s]");
        }

        _coldHoldUntil = until;
        _sessionTag = null;
        _stopAsked = false;
        _selfTestPassed = false;
        foreach (var condition in _conditions)
        {
            condition.Reset();
        }
    }

    public void OnSessionBegan(string idTag)
    {
        _sessionTag = idTag;
        _stopAsked = false;
        _selfTestPassed = false;
    }

    public void OnSessionEnded() => _sessionTag = null;

    public void OnSelfTestAnswered(bool passed) => _selfTestPassed = passed;

    public void OnContactorOpened() => _selfTestPassed = false;

    /// <summary>How many times a protection condition became unsafe while the contactor was closed (coverage).</summary>
    public int UnsafeWhileClosed { get; private set; }

    /// <summary>How many of <see cref="UnsafeWhileClosed"/> were over-current (its coverage on its own).</summary>
    public int OverCurrentWhileClosed { get; private set; }

    public void Observe(RigWorld world, bool closed, PilotOutput output, DateTimeOffset now)
    {
        var offered = OfferedAmps(output);
        foreach (var condition in _conditions)
        {
            var wasUnsafe = condition.Onset is not null;
            condition.Observe(world, closed, offered, now, SafetyRig.NextGridAfter);
            if (!wasUnsafe && condition.Onset is not null && (closed || _closedAtLastLook))
            {
                UnsafeWhileClosed++;
                OverCurrentWhileClosed += condition.Name == "over-current" ? 1 : 0;
            }
        }

        _closedAtLastLook = closed;
    }

    private bool _closedAtLastLook;

    /// <summary>Why the rig is unsafe now, or null.</summary>
    public string? Violation(RigWorld world, bool closed, PilotOutput output, DateTimeOffset now)
    {
        if (!closed)
        {
            return null;
        }

        var offered = OfferedAmps(output);
        var rawLimit = Math.Min(RatedAmps, world.LoadLimitAmps ?? double.PositiveInfinity);
        return !PilotIsChargeState(world.PilotVolts) ? string.Create(CultureInfo.InvariantCulture, $"contactor closed while the pilot reads {world.PilotVolts} V (not C or D)")
            : _sessionTag is null || !_authorized.Contains(_sessionTag) ? $"contactor closed for {_sessionTag ?? "no session"}, which nobody authorized"
            : _stopAsked ? "contactor closed after the session was asked to stop"
            : !_selfTestPassed ? "contactor closed without a passed self test since the session began and the contactor last opened"
            : offered < 6 ? string.Create(CultureInfo.InvariantCulture, $"contactor closed while the pilot offers {offered:0.##} A ({output})")
            : offered > rawLimit + 0.05 ? string.Create(CultureInfo.InvariantCulture, $"the pilot offers {offered:0.##} A over the raw limit {rawLimit:0.##} A")
            : world.HoursClosed ? "contactor closed while the hours of operation are closed (schedule block)"
            : _coldHoldUntil is { } until && now < until ? $"contactor closed during the cold-load pickup hold (until {until:HH:mm:ss})"
            : _conditions.FirstOrDefault(c => c.Onset is { } onset && now - onset > OpenBound) is { } tripped
                ? string.Create(CultureInfo.InvariantCulture, $"contactor still closed {(now - tripped.Onset!.Value).TotalMilliseconds:0} ms after {tripped.Name} became unsafe")
            : null;
    }

    /// <summary>The next moment at which an unsafe condition's 100 ms bound runs out: the rig must look then.</summary>
    public DateTimeOffset? NextCheckpoint(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var condition in _conditions)
        {
            DateTimeOffset? due = condition.Onset is { } onset ? onset + OpenBound + TimeSpan.FromMilliseconds(1)
                : condition.PendingSince is { } pending ? pending + condition.Hold + OpenBound + TimeSpan.FromMilliseconds(1)
                : null;
            if (due is { } d && d > now && (next is null || d < next))
            {
                next = d;
            }
        }

        return next;
    }
}
