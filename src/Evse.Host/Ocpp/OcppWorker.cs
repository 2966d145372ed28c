using Evse.Core.Station;
using Evse.Ocpp.ChargePoint;
using Microsoft.Extensions.Hosting;

namespace Evse.Host.Ocpp;

/// <summary>Runs the OCPP charge point for the life of the daemon (only registered with a Central System URL).</summary>
public sealed class OcppWorker : BackgroundService
{
    private readonly ChargePointService _chargePoint;

    public OcppWorker(ChargePointService chargePoint, OcppAuthorizer authorizer, StationEventHub hub)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(hub);
        _chargePoint = chargePoint;
        chargePoint.Outbox.Delivered += authorizer.OnTransactionMessageDelivered;
        authorizer.IdTagAnswered += chargePoint.OnIdTagAnswered;

        // Subscribed at construction, before any hosted service starts, so no session event is missed.
        hub.Subscribe(chargePoint);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _chargePoint.RunAsync(stoppingToken);
}
