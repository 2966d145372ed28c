using System.Globalization;
using System.Threading.Channels;
using Evse.Core.Limits;
using Evse.Core.Ports;
using Evse.Core.Station;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Messages;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.SmartCharging;

/// <summary>
/// The SmartCharging profile's state: the installed profiles (persisted), the running transactions, and the applier
/// that turns each connector's composite schedule into its <see cref="LimitSource.SmartCharging"/> limit.
/// </summary>
/// <remarks>
/// The limit is re-applied on every profile change, on every transaction start and end, and at every period boundary
/// (one timer on the injected <see cref="TimeProvider"/>, set to the nearest boundary of any connector, at most
/// <see cref="SmartChargingOptions.ApplierHorizon"/> away). A connector with no applicable profile gets null (no
/// contribution). Limits below 6 A are passed on as they are: the Core pauses the session below 6 A.
/// A ChargePointMaxProfile is shared evenly by the connectors with a running transaction (at least one), so two
/// charging cars never draw more than the site limit together.
/// Station events arrive on the connector loop threads; they are queued and handled on a task of our own, so a
/// database write never delays a control loop.
/// </remarks>
public sealed class SmartChargingService : IStationEventSink, IRemoteStartChargingProfiles, IDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly IChargingProfileStore _store;
    private readonly IChargePointStation _station;
    private readonly ConfigurationService _configuration;
    private readonly Func<long, int?> _centralTransactionIdOf;
    private readonly SmartChargingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SmartChargingService> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Session> _sessions = [];
    private readonly Dictionary<int, Pending> _pending = [];
    private readonly Dictionary<int, LimitContributor?> _applied = [];
    private readonly Channel<StationEvent> _events = Channel.CreateUnbounded<StationEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private List<InstalledChargingProfile> _profiles;
    private ITimer? _timer;
    private Task? _loop;

    /// <param name="store">Where the profiles survive a restart.</param>
    /// <param name="station">The connectors and their limits.</param>
    /// <param name="configuration">The SmartCharging keys (§9.4).</param>
    /// <param name="centralTransactionIdOf">The Central System's transaction id of a charging record, once StartTransaction was answered.</param>
    /// <param name="options">Phases, voltage, station maximum.</param>
    /// <param name="time">The clock of the period boundaries.</param>
    /// <param name="logger">Log.</param>
    public SmartChargingService(
        IChargingProfileStore store,
        IChargePointStation station,
        ConfigurationService configuration,
        Func<long, int?> centralTransactionIdOf,
        SmartChargingOptions options,
        TimeProvider time,
        ILogger<SmartChargingService> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _station = station;
        _configuration = configuration;
        _centralTransactionIdOf = centralTransactionIdOf;
        _options = options;
        _time = time;
        _logger = logger;
        _profiles = [.. store.Load()];
    }

    /// <summary>The installed profiles, in installation order.</summary>
    public IReadOnlyList<InstalledChargingProfile> Profiles
    {
        get
        {
            lock (_gate)
            {
                return [.. _profiles];
            }
        }
    }

    public SmartChargingOptions Options => _options;

    /// <summary>Applies the stored profiles once and starts the boundary timer and the event queue.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _timer ??= _time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _loop ??= Task.Run(() => RunEventsAsync(_stop.Token));
            ApplyLocked();
        }
    }

    /// <inheritdoc/>
    public void Publish(StationEvent stationEvent) => _events.Writer.TryWrite(stationEvent);

    /// <summary>SetChargingProfile (OCPP 1.6 §5.16): checks, replaces by id or by purpose + stack level + connector, persists, applies.</summary>
    public ChargingProfileStatus SetChargingProfile(int connectorId, ChargingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        lock (_gate)
        {
            var rules = ChargingProfileRules.From(_configuration);
            if (!TryAdmitLocked(connectorId, profile, rules, out var recordId, out var reason)
                || !TryInstallLocked(new InstalledChargingProfile(connectorId, profile, recordId), rules, out reason))
            {
                SmartChargingLog.Rejected(_logger, profile.ChargingProfileId, connectorId, reason);
                return ChargingProfileStatus.Rejected;
            }

            SmartChargingLog.Installed(_logger, profile.ChargingProfileId, profile.ChargingProfilePurpose, profile.StackLevel, connectorId);
            ApplyLocked();
            return ChargingProfileStatus.Accepted;
        }
    }

    /// <summary>
    /// ClearChargingProfile (OCPP 1.6 §5.5): removes every profile that matches all the criteria given (none given:
    /// all profiles); true when something was removed.
    /// </summary>
    public bool ClearChargingProfiles(int? id, int? connectorId, ChargingProfilePurpose? purpose, int? stackLevel)
    {
        lock (_gate)
        {
            return RemoveLocked(p =>
                (id is null || p.Id == id)
                && (connectorId is null || p.ConnectorId == connectorId)
                && (purpose is null || p.Purpose == purpose)
                && (stackLevel is null || p.StackLevel == stackLevel));
        }
    }

    /// <summary>
    /// GetCompositeSchedule (OCPP 1.6 §5.7): the composite of <paramref name="connectorId"/> from now (whole seconds)
    /// for <paramref name="duration"/> (at most <see cref="SmartChargingOptions.MaximumCompositeDuration"/>); false for
    /// an unknown connector or a duration that is not positive.
    /// </summary>
    public bool TryGetCompositeSchedule(int connectorId, TimeSpan duration, out CompositeSchedule schedule)
    {
        schedule = null!;
        if (duration <= TimeSpan.Zero)
        {
            return false;
        }

        lock (_gate)
        {
            var connectors = _station.Connectors;
            var connector = connectors.FirstOrDefault(c => c.ConnectorId == connectorId);
            if (connectorId != 0 && connector is null)
            {
                return false;
            }

            var now = _time.GetUtcNow();
            var from = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            var window = duration < _options.MaximumCompositeDuration ? duration : _options.MaximumCompositeDuration;
            var start = connector is null ? null : TransactionStartLocked(connector, now);
            schedule = CompositeScheduleCalculator.Compute(RelevantLocked(connectors), connectorId, start, from, window, _options, ChargingShare(connectors));
            return true;
        }
    }

    /// <inheritdoc/>
    public bool TryHold(int connectorId, string idTag, ChargingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(idTag);
        ArgumentNullException.ThrowIfNull(profile);
        lock (_gate)
        {
            var rules = ChargingProfileRules.From(_configuration);
            var reason = profile.ChargingProfilePurpose != ChargingProfilePurpose.TxProfile ? "RemoteStartTransaction takes a TxProfile only"
                : profile.TransactionId is not null ? "RemoteStartTransaction's profile cannot name a transaction yet"
                : ChargingProfileValidator.TryValidate(connectorId, profile, rules, out var invalid) ? null
                : invalid;
            if (reason is not null)
            {
                SmartChargingLog.Rejected(_logger, profile.ChargingProfileId, connectorId, reason);
                return false;
            }

            _pending[connectorId] = new Pending(idTag, profile);
            return true;
        }
    }

    /// <summary>Handles one station event now (the queue calls it; tests may too).</summary>
    public void Handle(StationEvent stationEvent)
    {
        ArgumentNullException.ThrowIfNull(stationEvent);
        lock (_gate)
        {
            switch (stationEvent)
            {
                case SessionStarted started:
                    _sessions[started.ConnectorId] = new Session(started.RecordId, started.At);
                    RemoveLocked(p => p.Purpose == ChargingProfilePurpose.TxProfile && p.ConnectorId == started.ConnectorId && p.RecordId != started.RecordId, apply: false);
                    if (_pending.Remove(started.ConnectorId, out var pending)
                        && string.Equals(pending.IdTag, started.IdTag, StringComparison.OrdinalIgnoreCase))
                    {
                        var installed = new InstalledChargingProfile(started.ConnectorId, pending.Profile, started.RecordId);
                        if (TryInstallLocked(installed, ChargingProfileRules.From(_configuration), out var reason))
                        {
                            SmartChargingLog.Installed(_logger, installed.Id, installed.Purpose, installed.StackLevel, installed.ConnectorId);
                        }
                        else
                        {
                            SmartChargingLog.Rejected(_logger, installed.Id, installed.ConnectorId, reason);
                        }
                    }

                    ApplyLocked();
                    break;
                case SessionEnded ended:
                    _sessions.Remove(ended.ConnectorId);

                    // OCPP 1.6 §3.13.4: a TxProfile ends with its transaction.
                    RemoveLocked(p => p.Purpose == ChargingProfilePurpose.TxProfile && p.ConnectorId == ended.ConnectorId, apply: false);
                    ApplyLocked();
                    break;
                case ConnectorStatusChanged { Status: Core.Charging.ChargePointStatus.Available } available:
                    // The remote start was not used (no car within the connection timeout): its profile goes too.
                    _pending.Remove(available.ConnectorId);
                    break;
            }
        }
    }

    public void Dispose()
    {
        _events.Writer.TryComplete();
        _stop.Cancel();
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }

        _stop.Dispose();
    }

    private static int ChargingShare(IReadOnlyList<ChargePointConnector> connectors) => Math.Max(1, connectors.Count(c => c.ActiveRecordId is not null));

    private async Task RunEventsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var stationEvent in _events.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    Handle(stationEvent);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // E.g. the database refused a write: the next event must still be handled.
                    SmartChargingLog.EventFailed(_logger, ex, stationEvent.GetType().Name, stationEvent.ConnectorId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private bool TryAdmitLocked(int connectorId, ChargingProfile profile, ChargingProfileRules rules, out long? recordId, out string reason)
    {
        recordId = null;
        var connector = _station.Connectors.FirstOrDefault(c => c.ConnectorId == connectorId);
        if (connectorId != 0 && connector is null)
        {
            reason = $"connector {connectorId} does not exist";
            return false;
        }

        if (!ChargingProfileValidator.TryValidate(connectorId, profile, rules, out reason))
        {
            return false;
        }

        if (profile.ChargingProfilePurpose != ChargingProfilePurpose.TxProfile)
        {
            return true;
        }

        // §3.13.4: without a transaction on the connector a TxProfile is discarded.
        if (connector?.ActiveRecordId is not { } record)
        {
            reason = $"no transaction runs on connector {connectorId}";
            return false;
        }

        if (profile.TransactionId is { } transactionId && _centralTransactionIdOf(record) != transactionId)
        {
            reason = $"transaction {transactionId} is not the one running on connector {connectorId}";
            return false;
        }

        recordId = record;
        return true;
    }

    private bool TryInstallLocked(InstalledChargingProfile installed, ChargingProfileRules rules, out string reason)
    {
        // §5.16: the same id, or the same purpose and stack level (on the same connector), is replaced.
        var next = _profiles
            .Where(p => p.Id != installed.Id && !(p.Purpose == installed.Purpose && p.StackLevel == installed.StackLevel && p.ConnectorId == installed.ConnectorId))
            .Append(installed)
            .ToList();
        if (next.Count > rules.MaxInstalled)
        {
            reason = $"{rules.MaxInstalled} profiles installed already (MaxChargingProfilesInstalled)";
            return false;
        }

        _store.Replace(next);
        _profiles = next;
        reason = string.Empty;
        return true;
    }

    private bool RemoveLocked(Func<InstalledChargingProfile, bool> match, bool apply = true)
    {
        var removed = _profiles.Where(match).ToList();
        if (removed.Count == 0)
        {
            return false;
        }

        var next = _profiles.Except(removed).ToList();
        _store.Replace(next);
        _profiles = next;
        var removedIds = removed.ConvertAll(p => p.Id);
        SmartChargingLog.Removed(_logger, removedIds);
        if (apply)
        {
            ApplyLocked();
        }

        return true;
    }

    /// <summary>A TxProfile counts only for the session it was set for (one left from before a power loss does not).</summary>
    private List<InstalledChargingProfile> RelevantLocked(IReadOnlyList<ChargePointConnector> connectors) =>
        [.. _profiles.Where(p => p.Purpose != ChargingProfilePurpose.TxProfile
            || connectors.Any(c => c.ConnectorId == p.ConnectorId && c.ActiveRecordId is { } r && r == p.RecordId))];

    private DateTimeOffset? TransactionStartLocked(ChargePointConnector connector, DateTimeOffset now)
    {
        if (connector.ActiveRecordId is not { } record)
        {
            return null;
        }

        if (_sessions.TryGetValue(connector.ConnectorId, out var session) && session.RecordId == record)
        {
            return session.StartedAt;
        }

        // A session recovered after a restart, whose start we did not see: from now on is the best we know.
        _sessions[connector.ConnectorId] = new Session(record, now);
        return now;
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            ApplyLocked();
        }
    }

    private void ApplyLocked()
    {
        if (_timer is null)
        {
            // Not started yet: Start applies everything once.
            return;
        }

        var now = _time.GetUtcNow();
        var next = now + _options.ApplierHorizon;
        try
        {
            var connectors = _station.Connectors;
            var relevant = RelevantLocked(connectors);
            var share = ChargingShare(connectors);
            foreach (var connector in connectors)
            {
                var start = TransactionStartLocked(connector, now);
                var composite = CompositeScheduleCalculator.Compute(relevant, connector.ConnectorId, start, now, _options.ApplierHorizon, _options, share);
                var current = composite.Periods[0];
                var contributor = current.LimitAmps is { } amps
                    ? new LimitContributor(LimitSource.SmartCharging, (double)amps, string.Create(CultureInfo.InvariantCulture, $"{current.LimitingPurpose} {current.LimitingProfileId}"))
                    : null;
                if (!_applied.TryGetValue(connector.ConnectorId, out var previous) || previous != contributor)
                {
                    _station.SetExternalLimit(connector.ConnectorId, LimitSource.SmartCharging, contributor);
                    _applied[connector.ConnectorId] = contributor;
                    SmartChargingLog.LimitApplied(_logger, connector.ConnectorId, contributor);
                }

                if (composite.NextBoundaryAfter(now) is { } boundary && boundary < next)
                {
                    next = boundary;
                }
            }
        }
        catch (Exception ex)
        {
            // A timer callback that throws would take the daemon down; the limit stays as it was and we retry.
            SmartChargingLog.ApplyFailed(_logger, ex, RetryAfterFailure);
            next = now + RetryAfterFailure;
        }

        _timer.Change(next - now, Timeout.InfiniteTimeSpan);
    }

    private sealed record Session(long RecordId, DateTimeOffset StartedAt);

    private sealed record Pending(string IdTag, ChargingProfile Profile);
}
