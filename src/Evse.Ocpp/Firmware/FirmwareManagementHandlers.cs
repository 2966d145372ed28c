using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;

namespace Evse.Ocpp.Firmware;

/// <summary>
/// The FirmwareManagement profile's Central System → charge point actions: UpdateFirmware and GetDiagnostics are
/// answered at once and their runs start once the answer is out (so the first status notification never overtakes
/// it); TriggerMessage for their status notifications (through
/// <see cref="CoreProfileHandlers.AddTrigger"/>) sends the current status once the TriggerMessage.conf is out.
/// </summary>
public sealed class FirmwareManagementHandlers :
    IOcppRequestHandler<UpdateFirmwareRequest, UpdateFirmwareConfirmation>,
    IOcppRequestHandler<GetDiagnosticsRequest, GetDiagnosticsConfirmation>,
    IDisposable
{
    private readonly FirmwareUpdater _updater;
    private readonly DiagnosticsUploader _diagnostics;
    private readonly OcppRpcDispatcher _dispatcher;
    private readonly System.Collections.Concurrent.ConcurrentQueue<Action> _afterAnswer = new();
    private int _firmwareTriggered;
    private int _diagnosticsTriggered;

    public FirmwareManagementHandlers(FirmwareUpdater updater, DiagnosticsUploader diagnostics, OcppRpcDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _updater = updater;
        _diagnostics = diagnostics;
        _dispatcher = dispatcher;
        _dispatcher.IncomingCallAnswered += OnIncomingCallAnswered;
    }

    /// <summary>Registers both actions and the two TriggerMessage kinds.</summary>
    public void Register(OcppHandlerRegistry registry, CoreProfileHandlers core)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(core);
        registry
            .Register<UpdateFirmwareRequest, UpdateFirmwareConfirmation>(this)
            .Register<GetDiagnosticsRequest, GetDiagnosticsConfirmation>(this);
        core.AddTrigger(MessageTrigger.FirmwareStatusNotification, () => Interlocked.Exchange(ref _firmwareTriggered, 1));
        core.AddTrigger(MessageTrigger.DiagnosticsStatusNotification, () => Interlocked.Exchange(ref _diagnosticsTriggered, 1));
    }

    public ValueTask<OcppHandlerResult<UpdateFirmwareConfirmation>> HandleAsync(UpdateFirmwareRequest request, CancellationToken cancellationToken)
    {
        _afterAnswer.Enqueue(() => _updater.Start(request));
        return ValueTask.FromResult<OcppHandlerResult<UpdateFirmwareConfirmation>>(new UpdateFirmwareConfirmation());
    }

    public ValueTask<OcppHandlerResult<GetDiagnosticsConfirmation>> HandleAsync(GetDiagnosticsRequest request, CancellationToken cancellationToken)
    {
        var fileName = _diagnostics.NextFileName();
        _afterAnswer.Enqueue(() => _diagnostics.Start(request, fileName));
        return ValueTask.FromResult<OcppHandlerResult<GetDiagnosticsConfirmation>>(new GetDiagnosticsConfirmation { FileName = fileName });
    }

    public void Dispose() => _dispatcher.IncomingCallAnswered -= OnIncomingCallAnswered;

    private void OnIncomingCallAnswered(object? sender, EventArgs e)
    {
        while (_afterAnswer.TryDequeue(out var start))
        {
            start();
        }

        if (Interlocked.Exchange(ref _firmwareTriggered, 0) == 1)
        {
            _updater.SendStatus();
        }

        if (Interlocked.Exchange(ref _diagnosticsTriggered, 0) == 1)
        {
            _diagnostics.SendStatus();
        }
    }
}
