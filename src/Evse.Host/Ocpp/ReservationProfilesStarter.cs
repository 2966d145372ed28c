using Evse.Ocpp.Reservation;
using Microsoft.Extensions.Hosting;

namespace Evse.Host.Ocpp;

/// <summary>
/// Resolving it registers the Reservation and LocalAuthListManagement handlers and restores the stored reservations,
/// before any hosted service starts (the host builds every hosted service first), so no frame finds them missing.
/// </summary>
public sealed class ReservationProfilesStarter : IHostedService
{
    public ReservationProfilesStarter(ReservationProfileHandlers handlers) => ArgumentNullException.ThrowIfNull(handlers);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
