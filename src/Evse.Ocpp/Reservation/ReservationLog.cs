using Evse.Ocpp.Messages;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Reservation;

internal static partial class ReservationLog
{
    [LoggerMessage(EventId = 4460, Level = LogLevel.Information, Message = "ReserveNow {ReservationId} on connector {ConnectorId} until {ExpiryDate:o}: {Status}")]
    public static partial void Reserved(ILogger logger, int reservationId, int connectorId, DateTimeOffset expiryDate, ReservationStatus status);

    [LoggerMessage(EventId = 4461, Level = LogLevel.Information, Message = "Reservation {ReservationId} on connector {ConnectorId} ended: {Reason}")]
    public static partial void Ended(ILogger logger, int reservationId, int connectorId, string reason);

    [LoggerMessage(EventId = 4462, Level = LogLevel.Information, Message = "An idTag for connector {ConnectorId} was refused: {Reason}")]
    public static partial void Refused(ILogger logger, int connectorId, string reason);

    [LoggerMessage(EventId = 4463, Level = LogLevel.Information, Message = "Reservation {ReservationId} on connector {ConnectorId} handed over to an idTag with its parentIdTag")]
    public static partial void HandedOver(ILogger logger, int reservationId, int connectorId);

    [LoggerMessage(EventId = 4464, Level = LogLevel.Error, Message = "Ending the reservations of connector {ConnectorId} failed")]
    public static partial void EndFailed(ILogger logger, Exception exception, int connectorId);

    [LoggerMessage(EventId = 4465, Level = LogLevel.Information, Message = "Restored {Count} reservation(s) after the start")]
    public static partial void Restored(ILogger logger, int count);
}
