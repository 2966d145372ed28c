using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Evse.Host.Simulation;

/// <summary>
/// Reads a JSON request body strictly (unknown properties are errors) and turns every problem into a
/// message that says what is wrong, for a 400 answer.
/// </summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength == 0)
        {
            return (null, "The request body is empty; send a JSON object.");
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken).ConfigureAwait(false);
            return value is null ? (null, "The request body is null; send a JSON object.") : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
            var what = ex.Message.Split(" Path:", 2)[0];
            return (null, $"The request body is not valid JSON for this request{where}: {what}");
        }
    }
}
