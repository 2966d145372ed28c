using Evse.Core.Control;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;
using Evse.Core.Measurements;
using Evse.Hardware.Simulated;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Evse.Host.Simulation;

/// <summary>
/// /api/sim: drives the simulated board (virtual EV, card reader, faults, grid, DIP switch).
/// Mapped only in Simulated mode, answers only loopback clients, needs no login.
/// </summary>
public static class SimulationApi
{
    public static RouteGroupBuilder MapSimulationApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/sim").AddEndpointFilter(LoopbackOnly);
        group.MapPost("/connectors/{id:int}/ev", SetEv);
        group.MapGet("/connectors/{id:int}/ev", GetEv);
        group.MapPost("/rfid", PresentCard);
        group.MapGet("/faults", ListFaults);
        group.MapPost("/faults", SetFault);
        group.MapPost("/grid", SetGrid);
        group.MapPost("/dip", SetDip);
        group.MapPost("/connectors/{id:int}/stall", Stall);
        return group;
    }

    public static async Task<Results<Ok<EvDto>, NotFound<ProblemDto>, BadRequest<ProblemDto>>> SetEv(int id, HttpRequest request, SimulatedBoard board, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        if (board.FindConnector(id) is not { } connector)
        {
            return TypedResults.NotFound(new ProblemDto($"There is no connector {id}; this station has {board.Connectors.Count}."));
        }

        var (body, error) = await JsonBody.ReadAsync<EvRequest>(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.BadRequest(new ProblemDto(error!));
        }

        PilotState? state = null;
        if (body.State is { } text)
        {
            if (text.Length != 1 || !Enum.TryParse<PilotState>(text, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.BadRequest(new ProblemDto($"state '{text}' is not a pilot state; use one of A, B, C, D, E, F."));
            }

            state = parsed;
        }

        if (body.MaxCurrentAmps is { } amps && (double.IsNaN(amps) || amps is < 0 or > 80))
        {
            return TypedResults.BadRequest(new ProblemDto($"maxCurrentAmps {amps} is outside 0 to 80 A."));
        }

        if (body.Phases is { } phases && phases is not (1 or 2 or 3))
        {
            return TypedResults.BadRequest(new ProblemDto($"phases {phases} must be 1, 2 or 3."));
        }

        if (body.ResponseDelaySeconds is { } delay && (double.IsNaN(delay) || delay is < 0 or > 60))
        {
            return TypedResults.BadRequest(new ProblemDto($"responseDelaySeconds {delay} is outside 0 to 60 s."));
        }

        if (body.HasDiode is { } diode)
        {
            connector.Ev.HasDiode = diode;
        }

        if (body.ResponseDelaySeconds is { } seconds)
        {
            connector.Ev.ResponseDelay = TimeSpan.FromSeconds(seconds);
        }

        connector.Ev.Set(state, body.MaxCurrentAmps, body.Phases);
        return TypedResults.Ok(EvDto.From(connector));
    }

    public static Results<Ok<EvDto>, NotFound<ProblemDto>> GetEv(int id, SimulatedBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return board.FindConnector(id) is { } connector
            ? TypedResults.Ok(EvDto.From(connector))
            : TypedResults.NotFound(new ProblemDto($"There is no connector {id}; this station has {board.Connectors.Count}."));
    }

    public static async Task<Results<Ok<CardDto>, BadRequest<ProblemDto>, JsonHttpResult<ProblemDto>>> PresentCard(HttpRequest request, SimulatedBoard board, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        var (body, error) = await JsonBody.ReadAsync<RfidRequest>(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.BadRequest(new ProblemDto(error!));
        }

        var uid = body.Uid?.Trim().ToUpperInvariant() ?? string.Empty;
        if (uid.Length is < 8 or > 20 || uid.Length % 2 != 0 || !uid.All(Uri.IsHexDigit))
        {
            return TypedResults.BadRequest(new ProblemDto("uid must be the card's UID in hex: 4, 7 or 10 bytes (8 to 20 hex digits), e.g. \"04A1B2C3D4\"."));
        }

        return board.PresentCard(uid)
            ? TypedResults.Ok(new CardDto(uid, true))
            : TypedResults.Json(new ProblemDto("The card reader is offline (fault CardReaderOffline is injected)."), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static Ok<IReadOnlyList<FaultKindDto>> ListFaults(SimulatedBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var active = board.ActiveFaults;
        return TypedResults.Ok<IReadOnlyList<FaultKindDto>>([.. Enum.GetValues<SimulatedFault>().Select(kind => new FaultKindDto(
            kind.ToString(),
            active.Any(a => a.Fault == kind),
            [.. active.Where(a => a.Fault == kind).Select(a => a.ConnectorId)]))]);
    }

    public static async Task<Results<Ok<IReadOnlyList<FaultKindDto>>, BadRequest<ProblemDto>, NotFound<ProblemDto>>> SetFault(HttpRequest request, SimulatedBoard board, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        var (body, error) = await JsonBody.ReadAsync<FaultRequest>(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.BadRequest(new ProblemDto(error!));
        }

        if (body.Kind is null || !Enum.TryParse<SimulatedFault>(body.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(body.Kind, out _))
        {
            return TypedResults.BadRequest(new ProblemDto($"kind '{body.Kind}' is not a fault kind; GET /api/sim/faults lists them: {string.Join(", ", Enum.GetNames<SimulatedFault>())}."));
        }

        if (body.Active is not { } active)
        {
            return TypedResults.BadRequest(new ProblemDto("active (true or false) is required."));
        }

        var connectorId = body.ConnectorId ?? 0;
        if (connectorId != 0 && board.FindConnector(connectorId) is null)
        {
            return TypedResults.NotFound(new ProblemDto($"There is no connector {connectorId}; this station has {board.Connectors.Count}."));
        }

        board.SetFault(kind, active, connectorId);
        return TypedResults.Ok(ListFaults(board).Value!);
    }

    public static async Task<Results<Ok<GridDto>, BadRequest<ProblemDto>>> SetGrid(HttpRequest request, SimulatedBoard board, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        var (body, error) = await JsonBody.ReadAsync<GridRequest>(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.BadRequest(new ProblemDto(error!));
        }

        if (!TryPhases(body.Voltage, "voltage", 0, 500, board.Grid.Phases, out var voltage, out error)
            || !TryPhases(body.HouseholdAmps, "householdAmps", 0, 1000, board.Grid.Phases, out var household, out error))
        {
            return TypedResults.BadRequest(new ProblemDto(error!));
        }

        if (body.FrequencyHz is { } hz && (double.IsNaN(hz) || hz is < 40 or > 70))
        {
            return TypedResults.BadRequest(new ProblemDto($"frequencyHz {hz} is outside 40 to 70 Hz."));
        }

        board.Grid.Set(voltage, body.FrequencyHz, household);
        return TypedResults.Ok(GridDto.From(board.Grid));
    }

    public static async Task<Results<Ok<DipDto>, BadRequest<ProblemDto>>> SetDip(HttpRequest request, SimulatedBoard board, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        var (body, error) = await JsonBody.ReadAsync<DipRequest>(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.BadRequest(new ProblemDto(error!));
        }

        if (body.Switches is not { Length: 3 } poles)
        {
            return TypedResults.BadRequest(new ProblemDto("switches must be an array of exactly 3 booleans (SW1, SW2, SW3; true = ON)."));
        }

        board.SetDipSwitch(new DipSwitchPositions(poles[0], poles[1], poles[2]));
        return TypedResults.Ok(new DipDto([.. poles], "The DIP switch is read at power-up: restart the daemon for the new setting to take effect."));
    }

    /// <summary>Hangs a connector's control loop for a while, to watch the health check and the watchdog react.</summary>
    public static async Task<Results<Accepted<StallDto>, NotFound<ProblemDto>, BadRequest<ProblemDto>>> Stall(int id, HttpRequest request, StationController station, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        if (station.Find(id) is not { } connector)
        {
            return TypedResults.NotFound(new ProblemDto($"There is no connector {id}; this station has {station.ConnectorControllers.Count}."));
        }

        var (body, error) = await JsonBody.ReadAsync<StallRequest>(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.BadRequest(new ProblemDto(error!));
        }

        if (body.Seconds is not { } seconds || double.IsNaN(seconds) || seconds is <= 0 or > 600)
        {
            return TypedResults.BadRequest(new ProblemDto("seconds (0 to 600) is required."));
        }

        connector.SimulateStall(TimeSpan.FromSeconds(seconds));
        return TypedResults.Accepted((string?)null, new StallDto(id, seconds));
    }

    private static bool TryPhases(double[]? values, string name, double min, double max, int gridPhases, out PhaseValues? phases, out string? error)
    {
        phases = null;
        error = null;
        if (values is null)
        {
            return true;
        }

        if (values.Length is < 1 or > 3)
        {
            error = $"{name} has 1 to 3 values, one per phase.";
            return false;
        }

        if (values.Any(v => double.IsNaN(v) || v < min || v > max))
        {
            error = $"{name} values must lie between {min} and {max}.";
            return false;
        }

        if (values.Length > gridPhases && values.Skip(gridPhases).Any(v => v != 0))
        {
            error = $"{name}: this station is connected to {gridPhases} phase(s).";
            return false;
        }

        phases = new PhaseValues(values[0], values.Length > 1 ? values[1] : 0, values.Length > 2 ? values[2] : 0);
        return true;
    }

    private static ValueTask<object?> LoopbackOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        if (remote is not null && !System.Net.IPAddress.IsLoopback(remote))
        {
            return ValueTask.FromResult<object?>(TypedResults.Json(new ProblemDto("The simulation API answers only on loopback."), statusCode: StatusCodes.Status403Forbidden));
        }

        return next(context);
    }
}
