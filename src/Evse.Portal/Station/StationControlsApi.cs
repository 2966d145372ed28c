using System.Text.Json;
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

    public static async Task<Results<Ok<StationControlsDto>, ProblemHttpResult>> PostLock(HttpRequest request, IStationControls controls)
    {
        ArgumentNullException.ThrowIfNull(controls);
        if (await ReadBoolAsync(request, "locked").ConfigureAwait(false) is not { } locked)
        {
            return Invalid("locked", "Send {\"locked\": true} or {\"locked\": false}.");
        }

        controls.SetStationLocked(locked);
        return TypedResults.Ok(StationControlsDto.From(controls));
    }

    public static async Task<Results<Ok<StationControlsDto>, ProblemHttpResult>> PostBoost(HttpRequest request, IStationControls controls)
    {
        ArgumentNullException.ThrowIfNull(controls);
        if (await ReadBoolAsync(request, "on").ConfigureAwait(false) is not { } on)
        {
            return Invalid("on", "Send {\"on\": true} or {\"on\": false}.");
        }

        if (!controls.TrySetBoost(on, out var error))
        {
            return TypedResults.Problem(detail: error, statusCode: StatusCodes.Status409Conflict, title: "Boost does not apply");
        }

        return TypedResults.Ok(StationControlsDto.From(controls));
    }

    /// <summary>
    /// The body's one boolean field, or null when the body is not JSON, not an object, or the field is missing or not a
    /// boolean. Read by hand: the framework's binder turns a malformed body into a logged exception and an empty 400.
    /// </summary>
    private static async Task<bool?> ReadBoolAsync(HttpRequest request, string field)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.True or JsonValueKind.False } property
                ? property.Value.GetBoolean()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProblemHttpResult Invalid(string field, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid request",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [$"'{field}' is required and must be true or false."] } });
}
