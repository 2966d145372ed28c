using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimSocketLock(SimulatedConnector owner) : ISocketLock
{
    private volatile SocketLockState _state = SocketLockState.Unlocked;

    public SocketLockState State => _state;

    public void RequestLock()
    {
        if (!owner.IsFaultActive(SimulatedFault.LockJammed))
        {
            _state = SocketLockState.Locked;
        }
    }

    public void RequestUnlock()
    {
        if (!owner.IsFaultActive(SimulatedFault.LockJammed))
        {
            _state = SocketLockState.Unlocked;
        }
    }
}
