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

    /// <summary>
    /// Steps the fake clock a second at a time until the first connector's status satisfies <paramref name="until"/>,
    /// for at most 30 s of real time: for workers (charge mode, boost) that AdvanceAsync does not wait for.
    /// </summary>
    public static async Task<JsonElement> StepUntilAsync(EvseAppFactory app, HttpClient client, Func<JsonElement, bool> until, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var connector = await ConnectorAsync(client);
        while (!until(connector))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"gave up waiting for {what} at {app.Time.GetUtcNow():O}; last status {connector}");
            await app.AdvanceAsync(TimeSpan.FromSeconds(1));
            connector = await ConnectorAsync(client);
        }

        return connector;
    }

    /// <summary>The contributor that sets the connector's current limit, or null without a limit.</summary>
    public static string? Binding(JsonElement connector) =>
        connector.GetProperty("limit") is { ValueKind: JsonValueKind.Object } limit ? limit.GetProperty("binding").GetString() : null;

    /// <summary>The why-trace text of the ChargeMode contributor.</summary>
    public static string? ChargeModeDetail(JsonElement connector) =>
        connector.GetProperty("limit").GetProperty("contributors").EnumerateArray()
            .First(c => c.GetProperty("source").GetString() == "ChargeMode").GetProperty("detail").GetString();
}
