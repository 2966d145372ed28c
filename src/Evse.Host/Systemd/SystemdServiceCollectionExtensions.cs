using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Evse.Host.Systemd;

/// <summary>Registers the systemd integration.</summary>
public static class SystemdServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SystemdWatchdogService"/> and the notifier built from NOTIFY_SOCKET / WATCHDOG_USEC.
    /// The caller must register an <see cref="IServiceHealth"/> fed by the control loops. Do not also call
    /// <c>UseSystemd()</c>: its lifetime sends READY=1 as soon as the host starts, before health is known.
    /// </summary>
    public static IServiceCollection AddEvseSystemd(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => SystemdEnvironment.FromProcess());
        services.TryAddSingleton(sp => new SystemdNotifier(sp.GetRequiredService<SystemdEnvironment>().NotifySocket));
        services.AddHostedService<SystemdWatchdogService>();
        return services;
    }
}
