using System.Globalization;
using Evse.Core.Control;
using Evse.Core.Limits;
using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Protection;
using Evse.Core.Scheduling;
using Evse.Host.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Evse.Host.Workers;

/// <summary>
/// FAST / ECO / ECO+ with boost timers (seed 004 §10–12) as the ChargeMode contributor of every connector's
/// current limit. Checked every second like the schedule; the contributor is posted only when it changes.
/// </summary>
/// <remarks>
/// The surplus is judged on the phase with the least of it. The grid import of a phase takes its sign from the
/// grid meter's power (a meter reports current as a magnitude; negative power is export). A reading older than
/// <see cref="ProtectionSettings.GridMeterStaleAfter"/> counts as none, so ECO/ECO+ fall back to 6 A.
/// With several connectors charging, the surplus is shared evenly between those whose contactor is closed
/// (ECO keeps its 6 A floor per vehicle); anything finer is load management's job.
/// While Boost runs (the button of <see cref="StationControls"/> or a timer window) the mode still posts a contributor,
/// at the pilot's maximum so it never binds: the why trace and <c>/api/status</c> then say that ECO is boosted instead of
/// the mode silently vanishing from the trace.
/// </remarks>
public sealed partial class ChargeModeWorker(
    StationController station,
    StationControls controls,
    IOptions<StationOptions> options,
    TimeProvider time,
    ILogger<ChargeModeWorker> logger) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Validated at start-up (EvseOptionsValidator): failing here is a bug.
        if (!ScheduleSettings.TryParseBoostTimers(settings.BoostTimers, out var boost, out var error)
            || !ScheduleSettings.TryParseTimeZone(settings.TimeZone, out var zone, out error))
        {
            throw new InvalidOperationException(error);
        }

        if (settings.ChargeMode == ChargeMode.Fast)
        {
            // FAST sets no limit, and nothing here changes at run time yet.
            return;
        }

        var staleAfter = ProtectionSettings.ForPhases(settings.Phases).GridMeterStaleAfter;
        using var timer = new PeriodicTimer(CheckInterval, time);
        var publisher = new ContributorPublisher(station, LimitSource.ChargeMode);
        var boosting = false;
        var pressed = false;
        try
        {
            do
            {
                var now = time.GetUtcNow();
                var boostActive = boost.IsActive(now, zone);
                if (boostActive != boosting)
                {
                    boosting = boostActive;
                    LogBoost(boostActive, settings.ChargeMode);
                }

                if (controls.BoostOn != pressed)
                {
                    pressed = !pressed;
                    LogBoostButton(pressed, settings.ChargeMode);
                }

                var limit = pressed || boostActive
                    ? Boosted(settings.ChargeMode, pressed)
                    : Compute(settings, boostActive, now, staleAfter);
                publisher.Publish(limit);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private LimitContributor? Compute(StationOptions settings, bool boostActive, DateTimeOffset now, TimeSpan staleAfter)
    {
        var connectors = station.Connectors;
        var own = new PhaseValues(
            connectors.Sum(c => c.Meter is { } m ? m.CurrentAmps.L1 : 0),
            connectors.Sum(c => c.Meter is { } m ? m.CurrentAmps.L2 : 0),
            connectors.Sum(c => c.Meter is { } m ? m.CurrentAmps.L3 : 0));
        var (import, ownOnPhase) = SurplusReading.BindingPhase(station.Grid, own, settings.Phases, now, staleAfter);
        var limit = ChargeModePolicy.Limit(new ChargeModeInputs(settings.ChargeMode, BoostPressed: false, boostActive, import, ownOnPhase, settings.EcoPlusGridAmps));
        var sharing = connectors.Count(c => c.State.ContactorClosed);
        if (limit is null || sharing <= 1)
        {
            return limit;
        }

        var share = limit.Amps / sharing;
        if (settings.ChargeMode == ChargeMode.Eco)
        {
            share = Math.Max(share, PilotDuty.MinimumAmps);
        }

        return limit with { Amps = share, Detail = string.Create(CultureInfo.InvariantCulture, $"{limit.Detail}, shared by {sharing} connectors") };
    }

    /// <summary>Present but never binding: the pilot's maximum, with the reason ECO/ECO+ charge as FAST now.</summary>
    private static LimitContributor Boosted(ChargeMode mode, bool buttonPressed) =>
        new(LimitSource.ChargeMode, PilotDuty.MaximumAmps, buttonPressed
            ? $"{mode}: Boost on, charging as FAST until Boost is pressed again"
            : $"{mode}: boost timer window, charging as FAST");

    [LoggerMessage(EventId = 2211, Level = LogLevel.Information, Message = "Boost button on: {On} (mode {Mode} charges as Fast while it is on)")]
    private partial void LogBoostButton(bool on, ChargeMode mode);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Information, Message = "Boost timer window running: {Running} (mode {Mode} charges as Fast while it runs)")]
    private partial void LogBoost(bool running, ChargeMode mode);
}
