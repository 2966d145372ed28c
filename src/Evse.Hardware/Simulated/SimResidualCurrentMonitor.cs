using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimResidualCurrentMonitor(SimulatedConnector owner) : IResidualCurrentMonitor
{
    public bool IsTripped => owner.IsFaultActive(SimulatedFault.ResidualCurrent);

    public event EventHandler? Tripped;

    /// <summary>How many self tests ran.</summary>
    public int SelfTests { get; private set; }

    public Task<bool> RunSelfTestAsync(CancellationToken cancellationToken)
    {
        SelfTests++;
        return Task.FromResult(!owner.IsFaultActive(SimulatedFault.SelfTestFails));
    }

    internal void RaiseTripped() => Tripped?.Invoke(this, EventArgs.Empty);
}
