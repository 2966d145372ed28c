using System.Net.Http.Json;
using System.Text.Json;

namespace Evse.Host.Tests.Support;

/// <summary>The few HTTP calls every in-memory daemon test makes.</summary>
public static class DaemonApi
{
    public static async Task<JsonElement> StatusAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri("/api/status", UriKind.Relative));

    public static async Task<JsonElement> ConnectorAsync(HttpClient client) => (await StatusAsync(client)).GetProperty("connectors")[0];

    public static Task<JsonElement> WaitForStatusAsync(HttpClient client, string status) =>
        Eventually.GetAsync(() => ConnectorAsync(client), c => c.GetProperty("status").GetString() == status, $"status {status}");

    public static async Task PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
