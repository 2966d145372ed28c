using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;

namespace Evse.Ocpp.Authorization;

/// <summary>
/// The LocalAuthListManagement profile's actions (OCPP 1.6 §5.15 SendLocalList, §5.10 GetLocalListVersion) on top of
/// <see cref="LocalAuthorizationList"/>, which holds the rules (versions, limits, Full / Differential).
/// </summary>
public sealed class LocalAuthListHandlers(LocalAuthorizationList list) :
    IOcppRequestHandler<SendLocalListRequest, SendLocalListConfirmation>,
    IOcppRequestHandler<GetLocalListVersionRequest, GetLocalListVersionConfirmation>
{
    public OcppHandlerRegistry Register(OcppHandlerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Register<SendLocalListRequest, SendLocalListConfirmation>(this)
            .Register<GetLocalListVersionRequest, GetLocalListVersionConfirmation>(this);
    }

    public ValueTask<OcppHandlerResult<SendLocalListConfirmation>> HandleAsync(SendLocalListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = request.LocalAuthorizationList?
            .Select(d => new LocalAuthorizationListEntry(d.IdTag, d.IdTagInfo is { } info ? new IdTagInfo(info.Status.ToCore(), info.ExpiryDate, info.ParentIdTag) : null))
            .ToList();
        var updateType = request.UpdateType == UpdateType.Full ? LocalListUpdateType.Full : LocalListUpdateType.Differential;
        var status = list.Apply(request.ListVersion, updateType, entries) switch
        {
            SendLocalListStatus.Accepted => UpdateStatus.Accepted,
            SendLocalListStatus.VersionMismatch => UpdateStatus.VersionMismatch,
            SendLocalListStatus.NotSupported => UpdateStatus.NotSupported,
            _ => UpdateStatus.Failed,
        };
        return ValueTask.FromResult<OcppHandlerResult<SendLocalListConfirmation>>(new SendLocalListConfirmation { Status = status });
    }

    public ValueTask<OcppHandlerResult<GetLocalListVersionConfirmation>> HandleAsync(GetLocalListVersionRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<OcppHandlerResult<GetLocalListVersionConfirmation>>(new GetLocalListVersionConfirmation { ListVersion = list.Version });
}
