using System.Text.Json.Serialization;
using Evse.Portal.Records;
using Evse.Portal.Station;
using Evse.Portal.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Evse.Portal;

/// <summary>Registers and maps the portal's HTTP API.</summary>
public static class PortalExtensions
{
    public static IServiceCollection AddEvsePortal(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        return services;
    }

    public static IEndpointRouteBuilder MapEvsePortal(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStatusApi();
        endpoints.MapRecordsApi();
        endpoints.MapStationControlsApi();
        return endpoints;
    }
}
