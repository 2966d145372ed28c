using Evse.Core.Control;
using Evse.Core.Measurements;
using Evse.Core.Protection;
using Evse.Core.Station;
using Evse.Portal.Station;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Evse.Portal.Status;

/// <summary>/health and /api/status.</summary>
public static class StatusApi
{
    public static RouteGroupBuilder MapStatusApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/health", GetHealth).WithName("Health");
        var group = endpoints.MapGroup("/api/status");
        group.MapGet("/", GetStatus).WithName("Status");
        return group;
    }

    /// <summary>200 while every control loop runs, 503 otherwise (systemd, load balancers and installers look here).</summary>
    public static Results<Ok<HealthDto>, JsonHttpResult<HealthDto>> GetHealth(IStationView station)
    {
        ArgumentNullException.ThrowIfNull(station);
        return station.IsHealthy(out var reason)
            ? TypedResults.Ok(new HealthDto("Healthy", null))
            : TypedResults.Json(new HealthDto("Unhealthy", reason), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static Ok<StationStatusDto> GetStatus(IStationView station, StationIdentity identity, TimeProvider time, [FromServices] IStationControls? controls = null)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(time);
        var healthy = station.IsHealthy(out var reason);
        var info = new StationInfoDto(
            identity.Vendor,
            identity.Model,
            identity.SerialNumber,
            identity.FirmwareVersion,
            identity.StartedAt,
            Math.Round((time.GetUtcNow() - identity.StartedAt).TotalSeconds, 1),
            healthy,
            healthy ? null : reason);
        return TypedResults.Ok(new StationStatusDto(info, ToDto(station.Grid), [.. station.Connectors.Select(ToDto)], controls is null ? null : StationControlsDto.From(controls)));
    }

    private static ConnectorStatusDto ToDto(ConnectorSnapshot snapshot)
    {
        var state = snapshot.State;
        var meter = snapshot.Meter;
        return new ConnectorStatusDto(
            state.ConnectorId,
            state.Status.ToString(),
            state.ErrorCode.ToString(),
            state.Pilot.ToString(),
            state.PilotOutput.ToString(),
            Math.Round(state.OfferedAmps, 2),
            Math.Round(state.LimitAmps, 2),
            state.ContactorClosed,
            snapshot.ContactorFeedbackClosed,
            meter is null ? [] : Phases(meter.CurrentAmps),
            meter is null ? [] : Phases(meter.VoltageVolts),
            meter is null ? 0 : Math.Round(meter.TotalPowerWatts, 1),
            Math.Round(state.MeterWh, 3),
            Math.Round(state.SessionEnergyWh, 3),
            state.Session is { } s ? new SessionDto(s.RecordId, s.IdTag, s.StartedAt, s.MeterStartWh) : null,
            [.. state.ActiveFaults.Order().Select(f => FaultCatalog.Describe(f)).Select(d => new FaultDto(d.Code.ToString(), d.ErrorCode.ToString(), d.Description, d.Hard || snapshot.LatchedFaults.Contains(d.Code)))],
            [.. snapshot.Warnings.Order().Select(w => w.ToString())],
            snapshot.Limit is { } limit
                ? new LimitDto(limit.LimitAmps, limit.Paused, limit.Binding.Source.ToString(), limit.ToString(), [.. limit.Trace.Select(c => new LimitContributorDto(c.Source.ToString(), c.Amps, c.Detail))])
                : null,
            new TemperaturesDto(Celsius(snapshot.Temperatures.RelayCelsius), Celsius(snapshot.Temperatures.InputTerminalCelsius), Celsius(snapshot.Temperatures.SocketCelsius)),
            state.StationLocked ? "the station is locked" : state.RestartPending ? "a planned restart is pending" : null);
    }

    private static GridDto ToDto(GridReading grid)
    {
        var sample = grid.Sample;
        return new GridDto(
            grid.Installed,
            grid.Answering,
            grid.At,
            sample is null ? [] : Phases(sample.VoltageVolts),
            sample is null ? [] : Phases(sample.CurrentAmps),
            sample is null ? [] : Phases(sample.PowerWatts),
            sample?.ImportEnergyWh,
            sample?.ExportEnergyWh,
            sample?.FrequencyHz);
    }

    private static double[] Phases(PhaseValues values) => [Math.Round(values.L1, 3), Math.Round(values.L2, 3), Math.Round(values.L3, 3)];

    private static double? Celsius(double value) => double.IsNaN(value) ? null : Math.Round(value, 1);
}
