using Evse.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Evse.Host.Tests.Support;

/// <summary>
/// The whole daemon in memory (TestServer) on a fake clock and a data directory of the test's choosing.
/// Dispose asserts that nothing logged an error the test did not expect.
/// </summary>
public sealed class EvseAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;
    private readonly Dictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;

    public EvseAppFactory(string dataDirectory, FakeTimeProvider? time = null, IDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _dataDirectory = dataDirectory;
        Time = time ?? new FakeTimeProvider();
        _settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
    }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public bool ExpectErrors { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<ILoggerProvider>(Logs);
            _services?.Invoke(services);
        });
    }

    /// <summary>
    /// Moves the fake clock in sampling steps, waiting after each for every control loop to have processed
    /// that instant, so that hold times are judged exactly as on a real clock.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan total, TimeSpan? step = null)
    {
        var station = Services.GetRequiredService<Evse.Core.Control.StationController>();
        var by = step ?? TimeSpan.FromMilliseconds(100);
        for (var moved = TimeSpan.Zero; moved < total; moved += by)
        {
            Time.Advance(by);
            var now = Time.GetUtcNow();
            await Eventually.True(() => station.Connectors.All(c => c.At >= now), $"the control loops to reach {now:O}");
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !ExpectErrors)
        {
            var errors = Logs.Errors.ToList();
            Assert.True(errors.Count == 0, "Unexpected error logs:\n" + string.Join("\n", errors));
        }
    }
}
