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

    public EvseAppFactory(string dataDirectory, FakeTimeProvider? time = null, IDictionary<string, string>? settings = null)
    {
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
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !ExpectErrors)
        {
            Assert.Empty(Logs.Errors);
        }
    }
}
