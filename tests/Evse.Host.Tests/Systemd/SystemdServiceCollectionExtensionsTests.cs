using Evse.Host.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Evse.Host.Tests.Systemd;

public sealed class SystemdServiceCollectionExtensionsTests
{
    private sealed class Healthy : IServiceHealth
    {
        public bool IsHealthy(out string reason)
        {
            reason = string.Empty;
            return true;
        }
    }

    [Fact]
    public void AddEvseSystemd_WithAHealthSeam_ResolvesTheWatchdogAsAHostedService()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IServiceHealth, Healthy>();

        builder.Services.AddEvseSystemd();
        using var host = builder.Build();

        Assert.Single(host.Services.GetServices<IHostedService>().OfType<SystemdWatchdogService>());
        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
        Assert.Equal(
            Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is { Length: > 0 },
            host.Services.GetRequiredService<SystemdNotifier>().IsEnabled);
    }

    [Fact]
    public void AddEvseSystemd_TimeProviderAlreadyRegistered_KeepsIt()
    {
        var services = new ServiceCollection();
        var fake = new Evse.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(fake);

        services.AddEvseSystemd();
        using var provider = services.BuildServiceProvider();

        Assert.Same(fake, provider.GetRequiredService<TimeProvider>());
    }
}
