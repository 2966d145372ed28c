using System.Globalization;
using Evse.Core.Ports.Storage;

namespace Evse.Ocpp.ChargePoint;

/// <summary>
/// The connectors the Central System made Inoperative with ChangeAvailability, durable in the settings store
/// (prefix "ocppavail.", one key per connector, present only while Inoperative), because OCPP 1.6 §5.2 says an
/// Unavailable connector stays so across a reboot. A ChangeAvailability for connector 0 is stored per connector,
/// so a later one for a single connector overrides it for that connector only.
/// </summary>
public sealed class ConnectorAvailability(ISettingsStore store)
{
    public const string StoragePrefix = "ocppavail.";

    private const string InoperativeValue = "Inoperative";

    /// <summary>Records the requested availability of <paramref name="connectorId"/> (from 1).</summary>
    public void Set(int connectorId, bool operative)
    {
        var key = StoragePrefix + connectorId.ToString(CultureInfo.InvariantCulture);
        if (operative)
        {
            store.Remove(key);
        }
        else
        {
            store.Save(key, InoperativeValue);
        }
    }

    /// <summary>The connectors stored as Inoperative.</summary>
    public IReadOnlyList<int> InoperativeConnectors() =>
        [.. store.LoadAll()
            .Where(e => e.Key.StartsWith(StoragePrefix, StringComparison.Ordinal) && e.Value == InoperativeValue)
            .Select(e => int.TryParse(e.Key.AsSpan(StoragePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0)
            .Order()];
}
