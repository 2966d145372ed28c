using System.Globalization;

namespace Evse.Ocpp.ChargePoint;

/// <summary>
/// The highest energy register and the latest reading time queued in a MeterValues of a transaction not yet stopped,
/// kept durable in the settings store under <see cref="ChargePointService.SentEnergyPrefix"/> + record id until its
/// StopTransaction is queued. A stop rebuilt after a power cut must not report less energy, or an earlier time, than
/// a MeterValues the Central System may already hold.
/// </summary>
/// <param name="EnergyWh">The register of the newest queued reading.</param>
/// <param name="At">Its reading time: no MeterValues of the transaction carries a later timestamp. Null for a value
/// stored by a version that kept only the energy.</param>
public readonly record struct TransactionMeterMark(double EnergyWh, DateTimeOffset? At)
{
    private const char Separator = '|';

    /// <summary>The settings-store key of a charging record's mark.</summary>
    public static string KeyOf(long recordId) => ChargePointService.SentEnergyPrefix + recordId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The charging record id of a settings-store key, when it is a mark's key.</summary>
    public static bool TryParseKey(string key, out long recordId)
    {
        ArgumentNullException.ThrowIfNull(key);
        recordId = 0;
        return key.StartsWith(ChargePointService.SentEnergyPrefix, StringComparison.Ordinal)
            && long.TryParse(key.AsSpan(ChargePointService.SentEnergyPrefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out recordId);
    }

    /// <summary>Reads a stored mark: "energy|time" (round-trip formats), or the bare energy stored by session 5.</summary>
    public static bool TryParse(string? text, out TransactionMeterMark mark)
    {
        mark = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var separator = text.IndexOf(Separator, StringComparison.Ordinal);
        var energyText = separator < 0 ? text.AsSpan() : text.AsSpan(0, separator);
        if (!double.TryParse(energyText, NumberStyles.Float, CultureInfo.InvariantCulture, out var energyWh))
        {
            return false;
        }

        DateTimeOffset? at = null;
        if (separator >= 0)
        {
            if (!DateTimeOffset.TryParseExact(text.AsSpan(separator + 1), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return false;
            }

            at = parsed;
        }

        mark = new TransactionMeterMark(energyWh, at);
        return true;
    }

    /// <summary>The stored text, read back by <see cref="TryParse"/>.</summary>
    public string Format() =>
        At is { } at
            ? EnergyWh.ToString("R", CultureInfo.InvariantCulture) + Separator + at.ToString("O", CultureInfo.InvariantCulture)
            : EnergyWh.ToString("R", CultureInfo.InvariantCulture);
}
