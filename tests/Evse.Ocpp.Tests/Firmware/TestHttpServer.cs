using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Tests.Firmware;

/// <summary>Kestrel on 127.0.0.1 serving files, a truncated body, and a multipart upload endpoint.</summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHttpServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>GET /files/{name}.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    /// <summary>What POST /upload received: form field name, file name, bytes, Authorization header.</summary>
    public ConcurrentQueue<(string Field, string FileName, byte[] Content, string? Authorization)> Uploads { get; } = new();

    public static async Task<TestHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        TestHttpServer? server = null;
        app.MapGet("/files/{name}", (string name) =>
            server!.Files.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "application/octet-stream") : Results.NotFound());
        app.MapGet("/truncated", async (HttpContext context) =>
        {
            // Promise 1000 bytes, send 400, then drop the connection.
            context.Response.ContentLength = 1000;
            await context.Response.Body.WriteAsync(new byte[400]);
            await context.Response.Body.FlushAsync();
            context.Abort();
        });
        app.MapPost("/upload", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            foreach (var file in form.Files)
            {
                using var copy = new MemoryStream();
                await file.CopyToAsync(copy);
                server!.Uploads.Enqueue((file.Name, file.FileName, copy.ToArray(), context.Request.Headers.Authorization.ToString()));
            }

            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new TestHttpServer(app, new Uri($"http://127.0.0.1:{new Uri(address).Port}/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
