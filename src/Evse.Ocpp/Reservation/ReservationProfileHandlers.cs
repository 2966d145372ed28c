using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;

namespace Evse.Ocpp.Reservation;

/// <summary>The Reservation profile's Central System → charge point actions (OCPP 1.6 §5.13 ReserveNow, §5.2 CancelReservation).</summary>
public sealed class ReservationProfileHandlers(ReservationService reservations) :
    IOcppRequestHandler<ReserveNowRequest, ReserveNowConfirmation>,
    IOcppRequestHandler<CancelReservationRequest, CancelReservationConfirmation>
{
    public OcppHandlerRegistry Register(OcppHandlerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Register<ReserveNowRequest, ReserveNowConfirmation>(this)
            .Register<CancelReservationRequest, CancelReservationConfirmation>(this);
    }

    public ValueTask<OcppHandlerResult<ReserveNowConfirmation>> HandleAsync(ReserveNowRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = reservations.Reserve(request.ReservationId, request.ConnectorId, request.IdTag, request.ParentIdTag, request.ExpiryDate);
        return ValueTask.FromResult<OcppHandlerResult<ReserveNowConfirmation>>(new ReserveNowConfirmation { Status = status });
    }

    public ValueTask<OcppHandlerResult<CancelReservationConfirmation>> HandleAsync(CancelReservationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = reservations.Cancel(request.ReservationId) ? CancelReservationStatus.Accepted : CancelReservationStatus.Rejected;
        return ValueTask.FromResult<OcppHandlerResult<CancelReservationConfirmation>>(new CancelReservationConfirmation { Status = status });
    }
}
