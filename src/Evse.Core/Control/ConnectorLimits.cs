using Evse.Core.Limits;
using Evse.Core.Measurements;

namespace Evse.Core.Control;

/// <summary>
/// The loop's side of the current limit: the external contributors as last set, and the result of
/// <see cref="CurrentLimitCalculator"/> over them and the connector's own limits.
/// </summary>
internal sealed class ConnectorLimits(ConnectorConfiguration configuration)
{
    private readonly Dictionary<LimitSource, LimitContributor> _external = [];

    /// <summary>The latest result, null before the first calculation.</summary>
    public CurrentLimitResult? Current { get; private set; }

    /// <summary>Sets, or with null clears, one external contributor. Recalculate afterwards.</summary>
    public void SetExternal(LimitSource source, LimitContributor? contributor)
    {
        if (contributor is not null)
        {
            _external[source] = contributor;
        }
        else
        {
            _external.Remove(source);
        }
    }

    /// <summary>Recalculates; true when the amps or the binding contributor moved (worth a log line).</summary>
    public bool Recalculate(TemperatureReadings temperatures, double? proximityOhms)
    {
        var limit = CurrentLimitCalculator.Calculate(
            new CurrentLimitInputs
            {
                DipSwitch = configuration.DipSwitch,
                FirmwareSettingAmps = configuration.FirmwareSettingAmps,
                ProximityOhms = proximityOhms,
                ConnectorRatingAmps = configuration.ConnectorRatingAmps,
                Temperatures = temperatures,
                LoadManagement = External(LimitSource.LoadManagement),
                PowerManagement = External(LimitSource.PowerManagement),
                SmartCharging = External(LimitSource.SmartCharging),
                Schedule = External(LimitSource.Schedule),
                ChargeMode = External(LimitSource.ChargeMode),
                Authorization = External(LimitSource.Authorization),
            },
            configuration.Protection);
        var moved = Current is null || limit.LimitAmps != Current.LimitAmps || limit.Binding.Source != Current.Binding.Source;
        Current = limit;
        return moved;
    }

    private LimitContributor? External(LimitSource source) => _external.GetValueOrDefault(source);
}
