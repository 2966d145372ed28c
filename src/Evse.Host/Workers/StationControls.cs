using System.Globalization;
using Evse.Core.Control;
using Evse.Core.Ports.Storage;
using Evse.Core.Scheduling;
using Evse.Core.Station;
using Evse.Host.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Evse.Host.Workers;

/// <summary>
/// The run-time station lock and Boost button (seed 004 §8.5.1, §9) behind the portal and OCPP.
/// </summary>
/// <remarks>
/// The lock is stored in the settings store under <see cref="StationLockedKey"/> as soon as it is set, and that stored
/// value wins over <c>Station:StationLocked</c> at the next start: an installer's lock from the portal must not fall
/// off after a power cut. The configuration value is only the factory default.
/// Boost is not stored: the seed's button returns to ECO/ECO+ when pressed again, and a restart returns to the
/// configured mode too, so a Boost forgotten before a power cut does not keep charging from the grid for days.
/// It is station-wide, like the app's one button per charger.
/// </remarks>
public sealed partial class StationControls(
    StationController station,
    ISettingsStore settings,
    IOptions<StationOptions> options,
    ILogger<StationControls> logger) : IStationControls
{
    public const string StationLockedKey = "station.locked";

    private readonly Lock _gate = new();
    private volatile bool _boostOn;

    public bool StationLocked => station.StationLocked;

    public bool BoostOn => _boostOn;

    public bool BoostApplies => options.Value.ChargeMode != ChargeMode.Fast;

    /// <summary>The lock to apply at start: the stored one if any, else the configured default.</summary>
    public bool StartupLock() =>
        settings.LoadAll().TryGetValue(StationLockedKey, out var stored) && bool.TryParse(stored, out var locked)
            ? locked
            : options.Value.StationLocked;

    public void SetStationLocked(bool locked)
    {
        lock (_gate)
        {
            // Stored first: a cut right after the answer still finds the lock the caller was told about.
            settings.Save(StationLockedKey, locked.ToString(CultureInfo.InvariantCulture));
            station.SetStationLocked(locked);
        }

        LogStationLock(locked);
    }

    public bool TrySetBoost(bool on, out string? error)
    {
        if (!BoostApplies)
        {
            error = "Boost applies under the ECO and ECO+ charge modes only; this station charges in FAST mode";
            return false;
        }

        if (_boostOn != on)
        {
            _boostOn = on;
            LogBoost(on, options.Value.ChargeMode);
        }

        error = null;
        return true;
    }

    [LoggerMessage(EventId = 2220, Level = LogLevel.Information, Message = "Station lock set to {Locked}: while locked no new session starts, a running one charges to its end")]
    private partial void LogStationLock(bool locked);

    [LoggerMessage(EventId = 2221, Level = LogLevel.Information, Message = "Boost button {On}: mode {Mode} charges as Fast while it is on")]
    private partial void LogBoost(bool on, ChargeMode mode);
}
