using Evse.Hardware.Simulated;

namespace Evse.Host.Simulation;

public sealed record ProblemDto(string Error);

public sealed record CardDto(string Uid, bool Read);

public sealed record FaultKindDto(string Kind, bool Active, IReadOnlyList<int> ConnectorIds);

public sealed record StallDto(int ConnectorId, double Seconds);

public sealed record DipDto(IReadOnlyList<bool> Switches, string Note);

public sealed record EvDto(int ConnectorId, string State, double MaxCurrentAmps, int Phases, bool HasDiode, double ResponseDelaySeconds, IReadOnlyList<double> DrawAmps)
{
    public static EvDto From(SimulatedConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var ev = connector.Ev;
        var draw = connector.CurrentAmps;
        return new(connector.ConnectorId, ev.State.ToString(), ev.MaxCurrentAmps, ev.Phases, ev.HasDiode, ev.ResponseDelay.TotalSeconds, [draw.L1, draw.L2, draw.L3]);
    }
}

public sealed record GridDto(IReadOnlyList<double> Voltage, double FrequencyHz, IReadOnlyList<double> HouseholdAmps)
{
    public static GridDto From(SimulatedGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var v = grid.VoltageVolts;
        var h = grid.HouseholdAmps;
        return new([v.L1, v.L2, v.L3], grid.FrequencyHz, [h.L1, h.L2, h.L3]);
    }
}
