using Evse.Core.Station;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Evse.Portal.Station;

/// <summary>
/// POST /api/station/lock and POST /api/station/boost: the app's lock and Boost buttons (seed 004 §8.5.1) for the portal.
/// Both answer with the controls as they now are; a missing or wrong field is a 400 problem, Boost under FAST a 409.
/// </summary>
public static class StationControlsApi
{
    public static RouteGroupBuilder MapStationControlsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/station");
        group.MapGet("/controls", GetControls).WithName("StationControls");
        group.MapPost("/lock", PostLock).WithName("StationLock");
        group.MapPost("/boost", PostBoost).WithName("StationBoost");
        return group;
    }

    public static Ok<StationControlsDto> GetControls(IStationControls controls) => TypedResults.Ok(StationControlsDto.From(controls));

    public static Results<Ok<StationControlsDto>, ProblemHttpResult> PostLock(StationLockRequest? request, IStationControls controls)
    {
        ArgumentNullException.ThrowIfNull(controls);
        if (request?.Locked is not { } locked)
        {
            return Invalid("locked", "Send {\"locked\": true} or {\"locked\": false}.");
        }

        controls.SetStationLocked(locked);
        return TypedResults.Ok(StationControlsDto.From(controls));
    }

    public static Results<Ok<StationControlsDto>, ProblemHttpResult> PostBoost(StationBoostRequest? request, IStationControls controls)
    {
        ArgumentNullException.ThrowIfNull(controls);
        if (request?.On is not { } on)
        {
            return Invalid("on", "Send {\"on\": true} or {\"on\": false}.");
        }

        if (!controls.TrySetBoost(on, out var error))
        {
            return TypedResults.Problem(detail: error, statusCode: StatusCodes.Status409Conflict, title: "Boost does not apply");
        }

        return TypedResults.Ok(StationControlsDto.From(controls));
    }

    private static ProblemHttpResult Invalid(string field, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid request",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [$"'{field}' is required and must be true or false."] } });
}
