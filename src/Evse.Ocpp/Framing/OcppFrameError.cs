namespace Evse.Ocpp.Framing;

/// <summary>
/// Why a frame was refused, plus what could still be read from it: the dispatcher needs the MessageTypeId to know
/// whether an answer is due at all, and the id to address that answer.
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Description">A short human-readable explanation (fit for a CALLERROR errorDescription).</param>
/// <param name="MessageTypeId">The MessageTypeId when it was an integer, else null.</param>
/// <param name="MessageId">The unique id when it was a non-empty string, else null (it may be longer than 36 characters).</param>
public sealed record OcppFrameError(OcppFrameErrorKind Kind, string Description, int? MessageTypeId, string? MessageId);
