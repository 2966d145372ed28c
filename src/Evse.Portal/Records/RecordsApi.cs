using Evse.Core.Ports.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Evse.Portal.Records;

/// <summary>GET /api/records (charging records) and GET /api/faults (fault records), newest first, paged by id.</summary>
public static class RecordsApi
{
    private const int DefaultPage = 50;
    private const int MaxPage = 500;

    public static RouteGroupBuilder MapRecordsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api");
        group.MapGet("/records", GetChargingRecords).WithName("ChargingRecords");
        group.MapGet("/faults", GetFaultRecords).WithName("FaultRecords");
        return group;
    }

    public static Results<Ok<IReadOnlyList<ChargingRecordDto>>, ProblemHttpResult> GetChargingRecords(IChargingRecordStore store, int? limit, long? before)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!TryPage(limit, out var page, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok<IReadOnlyList<ChargingRecordDto>>([.. store.List(page, before).Select(ChargingRecordDto.From)]);
    }

    public static Results<Ok<IReadOnlyList<FaultRecordDto>>, ProblemHttpResult> GetFaultRecords(IFaultRecordStore store, int? limit, long? before)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!TryPage(limit, out var page, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok<IReadOnlyList<FaultRecordDto>>([.. store.List(page, before).Select(FaultRecordDto.From)]);
    }

    private static bool TryPage(int? limit, out int page, out ProblemHttpResult problem)
    {
        page = limit ?? DefaultPage;
        problem = null!;
        if (page is < 1 or > MaxPage)
        {
            problem = TypedResults.Problem($"limit must be 1 to {MaxPage}.", statusCode: StatusCodes.Status400BadRequest);
            return false;
        }

        return true;
    }
}
