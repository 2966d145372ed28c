using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;

namespace Evse.Ocpp.SmartCharging;

/// <summary>
/// The SmartCharging profile's Central System → charge point actions: SetChargingProfile (§5.16),
/// ClearChargingProfile (§5.5) and GetCompositeSchedule (§5.7). <see cref="Register"/> puts them in a registry.
/// </summary>
public sealed class SmartChargingHandlers(SmartChargingService smartCharging) :
    IOcppRequestHandler<SetChargingProfileRequest, SetChargingProfileConfirmation>,
    IOcppRequestHandler<ClearChargingProfileRequest, ClearChargingProfileConfirmation>,
    IOcppRequestHandler<GetCompositeScheduleRequest, GetCompositeScheduleConfirmation>
{
    public OcppHandlerRegistry Register(OcppHandlerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Register<SetChargingProfileRequest, SetChargingProfileConfirmation>(this)
            .Register<ClearChargingProfileRequest, ClearChargingProfileConfirmation>(this)
            .Register<GetCompositeScheduleRequest, GetCompositeScheduleConfirmation>(this);
    }

    public ValueTask<OcppHandlerResult<SetChargingProfileConfirmation>> HandleAsync(SetChargingProfileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = smartCharging.SetChargingProfile(request.ConnectorId, request.CsChargingProfiles);
        return Answer(new SetChargingProfileConfirmation { Status = status });
    }

    public ValueTask<OcppHandlerResult<ClearChargingProfileConfirmation>> HandleAsync(ClearChargingProfileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var removed = smartCharging.ClearChargingProfiles(request.Id, request.ConnectorId, request.ChargingProfilePurpose, request.StackLevel);
        return Answer(new ClearChargingProfileConfirmation { Status = removed ? ClearChargingProfileStatus.Accepted : ClearChargingProfileStatus.Unknown });
    }

    public ValueTask<OcppHandlerResult<GetCompositeScheduleConfirmation>> HandleAsync(GetCompositeScheduleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!smartCharging.TryGetCompositeSchedule(request.ConnectorId, TimeSpan.FromSeconds(request.Duration), out var composite))
        {
            return Answer(new GetCompositeScheduleConfirmation { Status = GetCompositeScheduleStatus.Rejected });
        }

        // Without a requested unit we answer in amps, the unit the station itself regulates in.
        var schedule = composite.ToChargingSchedule(request.ChargingRateUnit ?? ChargingRateUnit.A, smartCharging.Options);
        return Answer(new GetCompositeScheduleConfirmation
        {
            Status = GetCompositeScheduleStatus.Accepted,
            ConnectorId = request.ConnectorId,
            ScheduleStart = composite.Start,
            ChargingSchedule = schedule,
        });
    }

    private static ValueTask<OcppHandlerResult<T>> Answer<T>(T confirmation)
        where T : class, IOcppConfirmation => ValueTask.FromResult<OcppHandlerResult<T>>(confirmation);
}
