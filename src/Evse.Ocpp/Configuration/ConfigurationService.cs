using System.Globalization;
using Evse.Core.Ports.Storage;
using Microsoft.Extensions.Logging;
using K = Evse.Ocpp.Configuration.OcppConfigurationKeys;

namespace Evse.Ocpp.Configuration;

/// <summary>
/// The one configuration store that OCPP (GetConfiguration / ChangeConfiguration), the portal and the daemon share.
/// Only values that differ from the catalogue's defaults are written to <see cref="ISettingsStore"/>, under the
/// prefix <see cref="StoragePrefix"/>, so a firmware update that changes a default reaches every unit that kept it.
/// Thread-safe; <see cref="Changed"/> is raised after the value is stored, outside the lock.
/// </summary>
public sealed class ConfigurationService
{
    /// <summary>Prefix of this service's entries in the shared settings store (station settings use others).</summary>
    public const string StoragePrefix = "ocpp.";

    private readonly ISettingsStore _store;
    private readonly ILogger<ConfigurationService> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _overrides = new(StringComparer.Ordinal);

    public ConfigurationService(ISettingsStore store, ILogger<ConfigurationService> logger)
    {
        _store = store;
        _logger = logger;
        Load();
    }

    /// <summary>Raised once per stored change (not for a change to the same value).</summary>
    public event EventHandler<ConfigurationChangedEventArgs>? Changed;

    public TimeSpan HeartbeatInterval => Seconds(K.HeartbeatInterval);

    /// <summary>Zero means no sampled meter values.</summary>
    public TimeSpan MeterValueSampleInterval => Seconds(K.MeterValueSampleInterval);

    /// <summary>Zero means no clock-aligned meter values.</summary>
    public TimeSpan ClockAlignedDataInterval => Seconds(K.ClockAlignedDataInterval);

    public TimeSpan ConnectionTimeOut => Seconds(K.ConnectionTimeOut);

    public TimeSpan MinimumStatusDuration => Seconds(K.MinimumStatusDuration);

    public int TransactionMessageAttempts => GetInt32(K.TransactionMessageAttempts);

    public TimeSpan TransactionMessageRetryInterval => Seconds(K.TransactionMessageRetryInterval);

    /// <summary>Zero disables WebSocket pings.</summary>
    public TimeSpan WebSocketPingInterval => Seconds(K.WebSocketPingInterval);

    public TimeSpan BootNotificationInterval => Seconds(K.BootNotificationInterval);

    /// <summary>−1 unlimited, 0 no retry.</summary>
    public int BootNotificationRetries => GetInt32(K.BootNotificationRetries);

    public TimeSpan PduTimeout => Seconds(K.PduTimeout);

    public bool AuthorizationCacheEnabled => GetBoolean(K.AuthorizationCacheEnabled);

    public bool LocalAuthListEnabled => GetBoolean(K.LocalAuthListEnabled);

    public int LocalAuthListMaxLength => GetInt32(K.LocalAuthListMaxLength);

    public int SendLocalListMaxLength => GetInt32(K.SendLocalListMaxLength);

    public int GetConfigurationMaxKeys => GetInt32(K.GetConfigurationMaxKeys);

    public long MaxEnergyOnInvalidIdWh => long.Parse(GetValue(K.MaxEnergyOnInvalidId), CultureInfo.InvariantCulture);

    public IReadOnlyList<string> MeterValuesSampledData => GetList(K.MeterValuesSampledData);

    public IReadOnlyList<string> MeterValuesAlignedData => GetList(K.MeterValuesAlignedData);

    public IReadOnlyList<string> StopTxnSampledData => GetList(K.StopTxnSampledData);

    public IReadOnlyList<string> StopTxnAlignedData => GetList(K.StopTxnAlignedData);

    /// <summary>The current value of a catalogued key (write-only keys included: the daemon needs its passwords).</summary>
    /// <exception cref="KeyNotFoundException">The key is not in the catalogue: a bug in the caller.</exception>
    public string GetValue(string key)
    {
        if (!ConfigurationCatalog.TryFind(key, out var definition))
        {
            throw new KeyNotFoundException($"'{key}' is not a configuration key.");
        }

        lock (_gate)
        {
            return _overrides.TryGetValue(definition.Name, out var value) ? value : definition.DefaultValue;
        }
    }

    public bool GetBoolean(string key) => bool.Parse(GetValue(key));

    public int GetInt32(string key) => int.Parse(GetValue(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public IReadOnlyList<string> GetList(string key) =>
        GetValue(key).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every key with its current value, for the portal's OCPP Settings page.</summary>
    public IReadOnlyList<ConfigurationKeyState> Describe()
    {
        lock (_gate)
        {
            return ConfigurationCatalog.All
                .Select(d =>
                {
                    var stored = _overrides.TryGetValue(d.Name, out var value);
                    var shown = d.Access == ConfigurationAccess.WriteOnly ? "" : (stored ? value! : d.DefaultValue);
                    return new ConfigurationKeyState(d, shown, !stored);
                })
                .ToList();
        }
    }

    /// <summary>
    /// OCPP 1.6 GetConfiguration: no keys asks for every (readable) key; named keys that we do not know, or may not
    /// reveal, come back in <see cref="GetConfigurationResult.UnknownKeys"/> as they were spelled.
    /// </summary>
    public GetConfigurationResult GetConfiguration(IReadOnlyCollection<string>? keys)
    {
        if (keys is { Count: > 0 } && keys.Count > GetConfigurationMaxKeys)
        {
            return new GetConfigurationResult([], [], TooManyKeys: true);
        }

        var known = new List<ConfigurationKeyValue>();
        var unknown = new List<string>();
        lock (_gate)
        {
            if (keys is null || keys.Count == 0)
            {
                known.AddRange(ConfigurationCatalog.All
                    .Where(d => d.Access != ConfigurationAccess.WriteOnly)
                    .Select(ToKeyValue));
            }
            else
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var key in keys)
                {
                    if (!seen.Add(key))
                    {
                        continue;
                    }

                    if (ConfigurationCatalog.TryFind(key, out var definition) && definition.Access != ConfigurationAccess.WriteOnly)
                    {
                        known.Add(ToKeyValue(definition));
                    }
                    else
                    {
                        unknown.Add(key);
                    }
                }
            }
        }

        return new GetConfigurationResult(known, unknown, TooManyKeys: false);
    }

    /// <summary>OCPP 1.6 ChangeConfiguration from the Central System.</summary>
    public ChangeConfigurationStatus ChangeConfiguration(string key, string value) =>
        TryChange(key, value, ConfigurationChangeOrigin.CentralSystem).Status;

    /// <summary>Checks a value without storing it (the portal validates as the installer types).</summary>
    public ConfigurationChangeResult Validate(string key, string value, ConfigurationChangeOrigin origin)
    {
        lock (_gate)
        {
            return Check(key, value, origin, out _, out _);
        }
    }

    /// <summary>
    /// Validates and stores a change. Unknown key: NotSupported. Read-only key (unless the station itself writes it)
    /// or invalid value: Rejected with a message naming the key and the allowed values. Stored: Accepted, or
    /// RebootRequired for keys that take effect only after a restart.
    /// </summary>
    public ConfigurationChangeResult TryChange(string key, string value, ConfigurationChangeOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ConfigurationChangedEventArgs? change = null;
        ConfigurationChangeResult result;
        lock (_gate)
        {
            result = Check(key, value, origin, out var definition, out var normalized);
            if (result.Applied)
            {
                var old = _overrides.TryGetValue(definition!.Name, out var current) ? current : definition.DefaultValue;
                if (!string.Equals(old, normalized, StringComparison.Ordinal))
                {
                    if (string.Equals(normalized, definition.DefaultValue, StringComparison.Ordinal))
                    {
                        _store.Remove(StoragePrefix + definition.Name);
                        _overrides.Remove(definition.Name);
                    }
                    else
                    {
                        _store.Save(StoragePrefix + definition.Name, normalized!);
                        _overrides[definition.Name] = normalized!;
                    }

                    change = new ConfigurationChangedEventArgs(definition.Name, old, normalized!, definition.RebootRequired);
                }
                else
                {
                    // The same value again changes nothing, so no restart is needed for it either.
                    result = new ConfigurationChangeResult(ChangeConfigurationStatus.Accepted, null);
                }
            }
        }

        if (result.Applied)
        {
            ConfigurationLog.Changed(_logger, key, origin, result.Status);
        }
        else
        {
            ConfigurationLog.Refused(_logger, key, origin, result.Status, result.Error ?? "");
        }

        if (change is not null)
        {
            Raise(change);
        }

        return result;
    }

    /// <summary>Back to factory defaults (portal "Reset to MFG default", DIP switch all OFF at boot).</summary>
    public void ResetToDefaults()
    {
        List<ConfigurationChangedEventArgs> changes;
        lock (_gate)
        {
            changes = _overrides
                .Select(o => (Definition: ConfigurationCatalog.TryFind(o.Key, out var d) ? d : null, o.Value))
                .Where(o => o.Definition is not null)
                .Select(o => new ConfigurationChangedEventArgs(o.Definition!.Name, o.Value, o.Definition.DefaultValue, o.Definition.RebootRequired))
                .ToList();
            foreach (var key in _overrides.Keys)
            {
                _store.Remove(StoragePrefix + key);
            }

            _overrides.Clear();
        }

        ConfigurationLog.ResetToDefaults(_logger);
        foreach (var change in changes)
        {
            Raise(change);
        }
    }

    private ConfigurationChangeResult Check(
        string key, string value, ConfigurationChangeOrigin origin, out ConfigurationKeyDefinition? definition, out string? normalized)
    {
        normalized = null;
        if (!ConfigurationCatalog.TryFind(key, out definition))
        {
            return new ConfigurationChangeResult(ChangeConfigurationStatus.NotSupported, $"'{key}' is not a configuration key of this charger.");
        }

        if (definition.IsReadOnly && origin != ConfigurationChangeOrigin.Station)
        {
            return new ConfigurationChangeResult(ChangeConfigurationStatus.Rejected, $"{definition.Name} is read-only.");
        }

        int? maxMembers = null;
        if (definition.MaxMembersKey is { } maxKey)
        {
            var maxDefinition = ConfigurationCatalog.TryFind(maxKey, out var md) ? md : throw new InvalidOperationException($"{maxKey} missing.");
            var maxText = _overrides.TryGetValue(maxDefinition.Name, out var stored) ? stored : maxDefinition.DefaultValue;
            maxMembers = int.Parse(maxText, CultureInfo.InvariantCulture);
        }

        if (!definition.TryValidate(value, maxMembers, out var clean, out var error))
        {
            return new ConfigurationChangeResult(ChangeConfigurationStatus.Rejected, error);
        }

        normalized = clean;
        return new ConfigurationChangeResult(
            definition.RebootRequired ? ChangeConfigurationStatus.RebootRequired : ChangeConfigurationStatus.Accepted, null);
    }

    private void Load()
    {
        foreach (var (storedKey, value) in _store.LoadAll())
        {
            if (!storedKey.StartsWith(StoragePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var key = storedKey[StoragePrefix.Length..];
            if (!ConfigurationCatalog.TryFind(key, out var definition))
            {
                ConfigurationLog.StoredKeyUnknown(_logger, key);
                continue;
            }

            // List bounds are checked on change; a stored list is only checked for its members here.
            if (!definition.TryValidate(value, maxMembers: null, out var normalized, out var error))
            {
                ConfigurationLog.StoredValueInvalid(_logger, key, error ?? "");
                continue;
            }

            if (!string.Equals(normalized, definition.DefaultValue, StringComparison.Ordinal))
            {
                _overrides[definition.Name] = normalized;
            }
        }
    }

    private ConfigurationKeyValue ToKeyValue(ConfigurationKeyDefinition definition) =>
        new(definition.Name, definition.IsReadOnly, _overrides.TryGetValue(definition.Name, out var v) ? v : definition.DefaultValue);

    private TimeSpan Seconds(string key) => TimeSpan.FromSeconds(GetInt32(key));

    private void Raise(ConfigurationChangedEventArgs change)
    {
        try
        {
            Changed?.Invoke(this, change);
        }
#pragma warning disable CA1031 // A faulty listener must not undo a change that is already stored.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ConfigurationLog.ListenerFailed(_logger, ex, change.Key);
        }
    }
}
