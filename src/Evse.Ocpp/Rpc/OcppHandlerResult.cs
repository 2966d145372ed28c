using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;

namespace Evse.Ocpp.Rpc;

/// <summary>What a handler answers: a confirmation, or a CALLERROR it chose (e.g. SecurityError before boot is accepted).</summary>
/// <typeparam name="TConfirmation">The confirmation record of the action.</typeparam>
public sealed record OcppHandlerResult<TConfirmation>
    where TConfirmation : class, IOcppConfirmation
{
    private OcppHandlerResult(TConfirmation? confirmation, OcppErrorCode errorCode, string errorDescription)
    {
        Confirmation = confirmation;
        ErrorCode = errorCode;
        ErrorDescription = errorDescription;
    }

    /// <summary>The confirmation, or null when the handler answers with an error.</summary>
    public TConfirmation? Confirmation { get; }

    /// <summary>The CALLERROR code when <see cref="Confirmation"/> is null.</summary>
    public OcppErrorCode ErrorCode { get; }

    /// <summary>The CALLERROR description when <see cref="Confirmation"/> is null.</summary>
    public string ErrorDescription { get; }

#pragma warning disable CA1000 // Handlers usually return the confirmation implicitly; Error(...) is the rare explicit case.
    /// <summary>Answer with a CALLRESULT.</summary>
    public static OcppHandlerResult<TConfirmation> Confirm(TConfirmation confirmation) =>
        new(confirmation ?? throw new ArgumentNullException(nameof(confirmation)), OcppErrorCode.GenericError, string.Empty);

    /// <summary>Answer with a CALLERROR.</summary>
    public static OcppHandlerResult<TConfirmation> Error(OcppErrorCode code, string description) => new(null, code, description);
#pragma warning restore CA1000

    /// <summary>Lets a handler simply <c>return confirmation;</c>.</summary>
    public static implicit operator OcppHandlerResult<TConfirmation>(TConfirmation confirmation) => Confirm(confirmation);
}
